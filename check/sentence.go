package check

import (
	"strings"

	"github.com/mekiki/mekiki/internal/clip"
)

// The sentences of a finding are written for people: newFinding passes
// them through tidyJA (Japanese) and makes the characters that could
// fool a terminal visible (clip.Visible) in both languages.

// Marks around text from the mail that tidyJA must leave as written
// (private-use characters, removed before the sentence is kept).
const (
	keepOpen  = '\uE000'
	keepClose = '\uE001'
)

// keep marks s as text from the mail that tidyJA leaves alone.
func keep(s string) string { return string(keepOpen) + s + string(keepClose) }

// dropKeep removes the marks keep adds.
func dropKeep(s string) string {
	if !strings.ContainsAny(s, string(keepOpen)+string(keepClose)) {
		return s
	}
	return strings.NewReplacer(string(keepOpen), "", string(keepClose), "").Replace(s)
}

// wideJA reports a character of Japanese text: kana, kanji, the CJK
// punctuation and brackets, full-width forms.
func wideJA(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF01 && r <= 0xFF9F
}

// bracketOpen and bracketClose are the Japanese brackets no space stands
// inside or beside Japanese text.
func bracketOpen(r rune) bool  { return strings.ContainsRune("（「『【〔［", r) }
func bracketClose(r rune) bool { return strings.ContainsRune("）」』】〕］", r) }

// tidyJA writes a Japanese sentence as Japanese is written: no space
// between two Japanese characters (「は マイクロソフト の」 reads
// 「はマイクロソフトの」, 「逆引き なし」 「逆引きなし」), none after a
// closing or before an opening bracket beside Japanese (「Amazon（アマゾン）
// の」 reads 「Amazon（アマゾン）の」). What stands in 「」 or 『』 and what
// keep marks is quoted from the mail and stays as written.
func tidyJA(s string) string {
	if !strings.ContainsAny(s, " 　") {
		return dropKeep(s)
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	depth := 0 // inside 「」, 『』 or keep marks
	var prev rune
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch r {
		case '「', '『', keepOpen:
			depth++
		case '」', '』', keepClose:
			if depth > 0 {
				depth--
			}
		}
		if depth == 0 && (r == ' ' || r == '　') {
			j := i
			for j < len(rs) && (rs[j] == ' ' || rs[j] == '　') {
				j++
			}
			next := rune(0)
			if j < len(rs) {
				next = rs[j]
			}
			if dropSpace(prev, next) {
				i = j - 1
				continue
			}
		}
		if r != keepOpen && r != keepClose {
			b.WriteRune(r)
			prev = r
		}
	}
	return b.String()
}

// dropSpace reports whether a space between prev and next goes.
func dropSpace(prev, next rune) bool {
	switch {
	case prev == 0 || next == 0:
		return false
	case wideJA(prev) && wideJA(next):
		return true
	case bracketClose(prev) && (wideJA(next) || next == keepOpen):
		return true
	case bracketOpen(next) && wideJA(prev):
		return true
	}
	return false
}

// sentenceJA and sentenceEN are what newFinding keeps.
func sentenceJA(s string) string { return clip.Visible(tidyJA(s)) }
func sentenceEN(s string) string { return clip.Visible(dropKeep(s)) }
