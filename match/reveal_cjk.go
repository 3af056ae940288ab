package match

import "unicode/utf8"

// ---- runs of single Japanese letters ----
//
// 「り そ な 銀 行」, 「楽 天 カ ー ド」, 「ア　マ　ゾ　ン」: a brand's name
// in kana and kanji with a space after every letter, so that a filter
// looking for りそな銀行 misses it while a reader reads it at once.
// Japanese is written without spaces between words; one between every
// letter of four or more in a row is a disguise (or emphasis, which
// joining does not hurt). Spaces between words ("山田 太郎 様", "私 は
// 学生 です") leave a letter standing alone two or three times at most.

const minCJKSpaced = 4 // single letters in a run

// isCJKSpacedLetter reports the letters a run is made of: kana, Han,
// Hangul syllables and half-width katakana (the clCJK letters from U+3000
// up, whose UTF-8 begins with a byte of 0xE3 or more; hintsOf relies on
// it).
func isCJKSpacedLetter(r rune, cl rclass) bool { return cl == clCJK && r >= 0x3000 }

// isCJKSpace reports the spaces that may stand between two letters of a
// run: the ASCII space, NBSP, the typographic spaces and the ideographic
// space (the ones hintsOf looks for).
func isCJKSpace(r rune) bool {
	return r == ' ' || r == 0xA0 || r >= 0x2000 && r <= 0x200A || r == 0x3000
}

// isSoundMark reports the voiced and semi-voiced sound marks that belong
// to the kana before them (ｿﾞ, か゛).
func isSoundMark(r rune) bool {
	return r == 0xFF9E || r == 0xFF9F || r == 0x3099 || r == 0x309A
}

// wordish reports characters that make a letter beside them part of a
// word: letters and digits of any script, marks, invalid bytes.
func wordish(cl rclass) bool {
	return cl == clCJK || joins(cl)
}

// cjkLetterEnd returns the end of the letter at i (size n) with its sound
// marks, and whether it stands alone before that end: no letter, digit or
// mark of a word directly after it.
func cjkLetterEnd(s string, i, n int) (int, bool) {
	e := i + n
	for {
		r, m, _ := runeAt(s, e)
		if m == 0 || !isSoundMark(r) {
			break
		}
		e += m
	}
	_, _, next := runeAt(s, e)
	return e, !wordish(next)
}

// cjkRun is what the acceptance rules look at.
type cjkRun struct {
	end     int // after the run's last letter
	letters int
	first   rune
	second  rune // a letter other than first, 0 until seen
	third   bool // a third distinct letter was seen (against first and second)
	calen   bool // every letter a weekday or a kanji numeral
}

// calendarLetters are the weekdays and kanji numerals, which tables and
// calendars set one to a cell (「日 月 火 水 木 金 土」, 「一 二 三 四」).
func calendarLetter(r rune) bool {
	switch r {
	case '日', '月', '火', '水', '木', '金', '土',
		'一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '〇':
		return true
	}
	return false
}

func (run *cjkRun) add(r rune) {
	switch {
	case run.letters == 0:
		run.first, run.calen = r, true
	case r == run.first || r == run.second:
	case run.second == 0:
		run.second = r
	default:
		run.third = true
	}
	run.calen = run.calen && calendarLetter(r)
	run.letters++
}

// accept: four letters or more, three of them different (not 「ー ー ー
// ー」 or 「あ あ あ あ」), not a row of weekdays or numerals.
func (run *cjkRun) accept() bool {
	return run.letters >= minCJKSpaced && run.third && !run.calen
}

// scanCJKRun reads the run of single letters starting with the letter
// at i, which ends at e: letters each followed by one space and a letter
// that stands alone.
func scanCJKRun(s string, i, e int) cjkRun {
	var run cjkRun
	r, _ := utf8.DecodeRuneInString(s[i:])
	run.add(r)
	run.end = e
	for {
		sp, sn, _ := runeAt(s, run.end)
		if sn == 0 || !isCJKSpace(sp) {
			return run
		}
		j := run.end + sn
		r, n, cl := runeAt(s, j)
		if !isCJKSpacedLetter(r, cl) {
			return run
		}
		e, alone := cjkLetterEnd(s, j, n)
		if !alone {
			return run
		}
		run.add(r)
		run.end = e
	}
}

// revealCJKSpaced joins the runs of single Japanese (and Chinese,
// Korean) letters split by one space each.
func revealCJKSpaced(s string) (string, bool) {
	var b []byte
	last := 0
	prevCl := clBreak
	for i := 0; i < len(s); {
		r, n, cl := runeAt(s, i)
		if !isCJKSpacedLetter(r, cl) || wordish(prevCl) {
			prevCl = cl
			i += n
			continue
		}
		e, alone := cjkLetterEnd(s, i, n)
		if !alone {
			prevCl = cl
			i += n
			continue
		}
		run := scanCJKRun(s, i, e)
		if run.accept() {
			if b == nil {
				b = make([]byte, 0, len(s))
			}
			b = append(b, s[last:i]...)
			b = appendCJKRun(b, s[i:run.end])
			last = run.end
		}
		// Go on after the run's last letter.
		prevCl = clCJK
		i = run.end
	}
	if b == nil {
		return s, false
	}
	return string(append(b, s[last:]...)), true
}

// appendCJKRun appends a run with its spaces left out.
func appendCJKRun(b []byte, run string) []byte {
	for i := 0; i < len(run); {
		r, n := utf8.DecodeRuneInString(run[i:])
		if !isCJKSpace(r) {
			b = append(b, run[i:i+n]...)
		}
		i += n
	}
	return b
}
