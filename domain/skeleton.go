package domain

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Skeleton folds a domain label to the form a reader cannot tell apart
// from it: NFKD without accents, lower case, the Unicode TR39 confusables whose prototype
// is ASCII (Cyrillic а → a), the digit-for-letter swaps phishing uses
// (0→o, 1→l, 3→e, 4→a, 5→s, 7→t, 8→b, and i and | read as l), the
// letter pairs that look like one letter (rn→m, vv→w, cl→d), and a
// small table of Japanese kana and kanji that look alike (ソ/ン, ロ/口,
// ー/一, カ/力 …). Hyphens and dots are kept.
func Skeleton(label string) string {
	if isASCII(label) {
		return asciiSkeleton(label)
	}
	s := norm.NFKD.String(label)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < 0x80 {
			b.WriteString(asciiFold(byte(unicode.ToLower(r))))
			continue
		}
		if k, ok := kanaLookalikes[r]; ok {
			b.WriteRune(k)
			continue
		}
		if c, ok := confusables[r]; ok {
			for i := 0; i < len(c); i++ {
				b.WriteString(asciiFold(c[i]))
			}
			continue
		}
		if unicode.Is(unicode.Mn, r) && r != 0x3099 && r != 0x309A {
			continue // accents stacked on a letter (kana voicing marks stay)
		}
		b.WriteRune(unicode.ToLower(r))
	}
	out := b.String()
	if strings.Contains(out, "rn") || strings.Contains(out, "vv") || strings.Contains(out, "cl") {
		out = pairFolder.Replace(out)
	}
	return out
}

var pairFolder = strings.NewReplacer("rn", "m", "vv", "w", "cl", "d")

// asciiSkeleton is Skeleton for the common all-ASCII label.
func asciiSkeleton(label string) string {
	b := make([]byte, 0, len(label))
	for i := 0; i < len(label); i++ {
		c := label[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, asciiFold(c)...)
	}
	out := string(b)
	if strings.Contains(out, "rn") || strings.Contains(out, "vv") || strings.Contains(out, "cl") {
		out = pairFolder.Replace(out)
	}
	return out
}

func asciiFold(c byte) string {
	switch c {
	case '0':
		return "o"
	case '1', 'i', '|', '!':
		return "l"
	case '3':
		return "e"
	case '4', '@':
		return "a"
	case '5', '$':
		return "s"
	case '7':
		return "t"
	case '8':
		return "b"
	case '_':
		return "-"
	}
	return string(c)
}

// kanaLookalikes maps Japanese characters to the one they are mistaken
// for. Compiled by the team from the pairs Japanese phishing and
// typosquatting write-ups show and from the research notes
// (shared/design/dependencies-research.md, experiment 3: TR39 misses
// ソ/ン and similar kana pairs).
var kanaLookalikes = map[rune]rune{
	'ソ': 'ン', 'ツ': 'シ', 'ノ': 'ン',
	'口': 'ロ', '力': 'カ', '工': 'エ', '二': 'ニ', '八': 'ハ', '卜': 'ト', '夕': 'タ', '才': 'オ', '千': 'チ',
	'一': 'ー', '－': 'ー', '―': 'ー', '‐': 'ー', '〇': 'o',
	'へ': 'ヘ', 'ぺ': 'ペ', 'べ': 'ベ',
	'ヵ': 'カ', 'ヶ': 'ケ', 'ァ': 'ア', 'ィ': 'イ', 'ゥ': 'ウ', 'ェ': 'エ', 'ォ': 'オ', 'ッ': 'シ', 'ャ': 'ヤ', 'ュ': 'ユ', 'ョ': 'ヨ',
}

// editDistance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and adjacent transpositions), or
// max+1 as soon as it must exceed max. Rows live on the stack for words
// under 64 letters.
func editDistance(a, b []rune, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	var r0, r1, r2 [64]int // rows i-2, i-1, i
	var prev2, prev, cur []int
	if len(b) < len(r0) {
		prev2, prev, cur = r0[:len(b)+1], r1[:len(b)+1], r2[:len(b)+1]
	} else {
		prev2, prev, cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// markDiff writes found with the characters that differ from want in
// brackets ("micr[0]s[0]ft" against "microsoft"; "ama[e]zon" against
// "amazon"), aligning the skeletons so that a swapped-in look-alike
// character is marked even though it folds to the same letter.
func markDiff(found, want string) string {
	f := []rune(found)
	w := []rune(want)
	if len(f) == len(w) {
		var b strings.Builder
		for i := range f {
			if f[i] != w[i] {
				b.WriteString("[" + string(f[i]) + "]")
			} else {
				b.WriteRune(f[i])
			}
		}
		return b.String()
	}
	// Levenshtein alignment with a backtrace.
	n, m := len(f), len(w)
	d := make([][]int, n+1)
	for i := range d {
		d[i] = make([]int, m+1)
		d[i][0] = i
	}
	for j := 0; j <= m; j++ {
		d[0][j] = j
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			cost := 1
			if f[i-1] == w[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
		}
	}
	var parts []string
	i, j := n, m
	for i > 0 || j > 0 {
		switch {
		case i > 0 && j > 0 && f[i-1] == w[j-1] && d[i][j] == d[i-1][j-1]:
			parts = append(parts, string(f[i-1]))
			i, j = i-1, j-1
		case i > 0 && j > 0 && d[i][j] == d[i-1][j-1]+1:
			parts = append(parts, "["+string(f[i-1])+"]")
			i, j = i-1, j-1
		case i > 0 && d[i][j] == d[i-1][j]+1:
			parts = append(parts, "["+string(f[i-1])+"]")
			i--
		default:
			parts = append(parts, "[-]")
			j--
		}
	}
	var b strings.Builder
	for k := len(parts) - 1; k >= 0; k-- {
		b.WriteString(parts[k])
	}
	return b.String()
}
