package match

import (
	"unicode"
	"unicode/utf8"
)

// Term is one dictionary entry: the text to find (already in matching
// form, see Normalize), an opaque value returned on a hit, and whether
// the case of ASCII letters must match too.
type Term struct {
	Text          string
	Value         int
	CaseSensitive bool
	// Cased is the term in NormalizeCase form, compared when CaseSensitive.
	Cased string
}

// Hit is one occurrence of a term.
type Hit struct {
	Term  *Term
	Start int // byte offset in the normalised text
}

// Dictionary finds many terms in one pass (Aho–Corasick over bytes).
// Terms that begin or end with an ASCII letter or digit only match at a
// word boundary on that side, so "au" does not match inside "because"
// while "楽天" matches inside "楽天カード".
type Dictionary struct {
	terms []Term
	next  []map[byte]int32 // goto function, used while building
	fail  []int32
	out   [][]int32 // term indexes ending at each state
	// The DFA, dense over byte classes (bytes no term holds share class
	// 0): delta[state*classes+class[b]]. States fit in 16 bits for every
	// dictionary of the knowledge base, which keeps the table a quarter
	// of an int32 table over all 256 bytes, in cache; delta32 is for
	// larger ones.
	class   [256]uint8
	classes int
	delta   []uint16
	delta32 []int32
}

// NewDictionary builds a dictionary. Empty terms are ignored.
func NewDictionary(terms []Term) *Dictionary {
	d := &Dictionary{next: []map[byte]int32{{}}, fail: []int32{0}, out: [][]int32{nil}}
	for _, t := range terms {
		if t.Text == "" {
			continue
		}
		d.terms = append(d.terms, t)
		idx := int32(len(d.terms) - 1)
		state := int32(0)
		for i := 0; i < len(t.Text); i++ {
			c := t.Text[i]
			nxt, ok := d.next[state][c]
			if !ok {
				nxt = int32(len(d.next))
				d.next = append(d.next, map[byte]int32{})
				d.fail = append(d.fail, 0)
				d.out = append(d.out, nil)
				d.next[state][c] = nxt
			}
			state = nxt
		}
		d.out[state] = append(d.out[state], idx)
	}
	// Failure links in breadth-first order; the same order then fills the
	// DFA, since each state's row copies its failure state's row.
	order := []int32{0}
	for i := 0; i < len(order); i++ {
		s := order[i]
		for c, t := range d.next[s] {
			order = append(order, t)
			f := d.fail[s]
			for s != 0 {
				if n, ok := d.next[f][c]; ok && n != t {
					d.fail[t] = n
					break
				}
				if f == 0 {
					break
				}
				f = d.fail[f]
			}
			d.out[t] = append(d.out[t], d.out[d.fail[t]]...)
		}
	}
	d.compile(order)
	d.next = nil
	return d
}

// compile turns the goto/failure automaton into a dense DFA over byte
// classes, so that matching costs one table look-up per byte.
func (d *Dictionary) compile(order []int32) {
	var used [256]bool
	for _, m := range d.next {
		for c := range m {
			used[c] = true
		}
	}
	d.classes = 1
	for c := 0; c < 256; c++ {
		if used[c] {
			d.class[c] = uint8(d.classes)
			d.classes++
		}
	}
	n := len(d.next)
	row := make([]int32, n*d.classes)
	for _, s := range order {
		for c := 0; c < 256; c++ {
			k := int(d.class[c])
			if k == 0 && c != 0 {
				continue // every unused byte is class 0, filled once below
			}
			if nxt, ok := d.next[s][byte(c)]; ok {
				row[int(s)*d.classes+k] = nxt
			} else if s != 0 {
				row[int(s)*d.classes+k] = row[int(d.fail[s])*d.classes+k]
			}
		}
	}
	if n <= 1<<16 {
		d.delta = make([]uint16, len(row))
		for i, v := range row {
			d.delta[i] = uint16(v)
		}
		return
	}
	d.delta32 = row
}

// step is the DFA's move from state on byte c.
func (d *Dictionary) step(state int32, c byte) int32 {
	i := int(state)*d.classes + int(d.class[c])
	if d.delta != nil {
		return int32(d.delta[i])
	}
	return d.delta32[i]
}

// MaxHits bounds the hits Find returns for one text: a hostile body that
// repeats a name a million times yields the first MaxHits of them, which
// say all there is to say, in bounded memory.
const MaxHits = 1 << 16

// Find returns the hits in text, at most MaxHits of them in text order;
// text must be in Normalize form; cased is the same text in NormalizeCase
// form (used for case-sensitive terms; pass "" when there are none).
func (d *Dictionary) Find(text, cased string) []Hit {
	var hits []Hit
	state := int32(0)
	for i := 0; i < len(text); i++ {
		state = d.step(state, text[i])
		for _, ti := range d.out[state] {
			t := &d.terms[ti]
			start := i + 1 - len(t.Text)
			if !boundaryOK(text, start, i+1, t.Text) {
				continue
			}
			if t.CaseSensitive && (len(cased) < i+1 || cased[start:i+1] != t.Cased) {
				continue
			}
			hits = append(hits, Hit{Term: t, Start: start})
			if len(hits) == MaxHits {
				return hits
			}
		}
	}
	return hits
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// boundaryOK reports whether a term found at text[start:end] stands as
// a word: a term that starts (ends) with a letter or digit of an
// alphabet written with spaces (Latin, Greek, Cyrillic) may not continue
// one ("está" is not in "estável", "ana" not in "banana").
func boundaryOK(text string, start, end int, term string) bool {
	first, _ := utf8.DecodeRuneInString(term)
	if isWordRune(first) && start > 0 {
		if prev, _ := utf8.DecodeLastRuneInString(text[:start]); isWordRune(prev) {
			return false
		}
	}
	last, _ := utf8.DecodeLastRuneInString(term)
	if isWordRune(last) && end < len(text) {
		if next, _ := utf8.DecodeRuneInString(text[end:]); isWordRune(next) {
			return false
		}
	}
	return true
}

// isWordRune reports a letter or digit of an alphabet written with
// spaces between words (below U+0530: Latin, Greek, Cyrillic).
func isWordRune(r rune) bool {
	if r < 0x80 {
		return isWordByte(byte(r))
	}
	return r < 0x530 && r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
