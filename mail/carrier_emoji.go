package mail

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

// emojiSources is Unicode's EmojiSources.txt (Unicode 15.0.0, as Debian's
// unicode-data 15.0.0-1 ships it in /usr/share/unicode; © Unicode, Inc.,
// https://www.unicode.org/terms_of_use.html): the round-trip mappings
// between Unicode emoji and the Shift_JIS codes of docomo, KDDI (au) and
// SoftBank.
//
//go:embed data/EmojiSources.txt
var emojiSources string

var (
	sjisEmojiOnce sync.Once
	sjisEmoji     map[uint16]string
)

// carrierEmojiSJIS returns the Unicode emoji for a carrier's Shift_JIS
// emoji code, or "" when the code is no emoji or the carriers use it for
// different pictures (296 of the 1,050 codes: docomo and SoftBank, say,
// both use F9xx), which the code alone cannot tell apart.
func carrierEmojiSJIS(code uint16) string {
	sjisEmojiOnce.Do(loadSJISEmoji)
	return sjisEmoji[code]
}

// loadSJISEmoji reads emojiSources into a map of the codes whose carriers
// agree on the picture.
func loadSJISEmoji() {
	byCode := map[uint16]string{}
	ambiguous := map[uint16]bool{}
	for _, line := range strings.Split(emojiSources, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(strings.TrimSpace(line), ";")
		if len(f) < 4 {
			continue
		}
		var u strings.Builder
		for _, cp := range strings.Fields(f[0]) {
			r, err := strconv.ParseUint(cp, 16, 32)
			if err != nil {
				u.Reset()
				break
			}
			u.WriteRune(rune(r))
		}
		if u.Len() == 0 {
			continue
		}
		for _, c := range f[1:4] {
			code, err := strconv.ParseUint(c, 16, 16)
			if c == "" || err != nil {
				continue
			}
			k := uint16(code)
			if prev, ok := byCode[k]; ok && prev != u.String() {
				ambiguous[k] = true
			}
			byCode[k] = u.String()
		}
	}
	for k := range ambiguous {
		delete(byCode, k)
	}
	sjisEmoji = byCode
}
