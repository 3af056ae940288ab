package scan

import (
	"hash/fnv"
	"math/bits"
	"strings"
	"unicode"

	"github.com/mekiki/mekiki/match"
)

// SimHash is a 64-bit fingerprint of text for near-duplicate detection
// (Charikar): each shingle of three characters of the normalised text
// (letters and digits only, so spacing and punctuation do not count)
// votes on every bit; similar texts differ in few bits. FNV-1a keeps the
// fingerprint the same across runs and machines.
func SimHash(text string) uint64 {
	var rs []rune
	for _, r := range match.Normalize(text) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			rs = append(rs, r)
		}
		if len(rs) >= 64<<10 {
			break
		}
	}
	if len(rs) < 3 {
		return 0
	}
	var votes [64]int
	h := fnv.New64a()
	var b strings.Builder
	for i := 0; i+3 <= len(rs); i++ {
		b.Reset()
		b.WriteString(string(rs[i : i+3]))
		h.Reset()
		h.Write([]byte(b.String()))
		v := h.Sum64()
		for bit := range 64 {
			if v&(1<<bit) != 0 {
				votes[bit]++
			} else {
				votes[bit]--
			}
		}
	}
	var out uint64
	for bit, n := range votes {
		if n > 0 {
			out |= 1 << bit
		}
	}
	return out
}

// SimilarText reports fingerprints within 6 of 64 bits: the same text
// with a name, a number or a link changed (a few hundredths of it).
// Unrelated texts differ in about 32 bits. Looser limits chain whole
// mailing lists together through their common footer.
func SimilarText(a, b uint64) bool {
	return a != 0 && b != 0 && bits.OnesCount64(a^b) <= 6
}
