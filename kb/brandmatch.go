package kb

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/mekiki/mekiki/match"
)

// BrandMention is a brand named in a piece of text, with the name as it
// matched (in normalised form) and how many times it occurred.
type BrandMention struct {
	Brand *Brand
	Name  string
	Count int
}

// FindBrands returns the brands named in text, in order of first mention,
// each once with its count of mentions.
func (k *KB) FindBrands(text string) []BrandMention {
	return k.findBrands(text, false, false)
}

// FindBrandsInName is FindBrands for a display name: exact names (a bare
// "au") and the brands' domains written as a name ("eki-net.com") count
// too.
func (k *KB) FindBrandsInName(name string) []BrandMention {
	return k.findBrands(name, true, true)
}

// FindBrandsInSubject is FindBrands for a subject, where a brand's domain
// written out ("【amazon.co.jp】") counts too.
func (k *KB) FindBrandsInSubject(subject string) []BrandMention {
	return k.findBrands(subject, false, true)
}

// contextName marks, in a name term's Value, a brand's context name.
const contextName = 1 << 30

func (k *KB) findBrands(text string, exact, domains bool) []BrandMention {
	if text == "" {
		return nil
	}
	cased := match.NormalizeCase(text)
	norm := match.Lower(cased)
	var out []BrandMention
	seen := map[*Brand]int{}
	var inContext map[*Brand]bool // the brands whose context the text holds, found once
	hits := k.names.Find(norm, cased)
	if domains {
		hits = append(hits, k.domains.Find(norm, "")...)
	}
	for _, h := range outermost(hits) {
		b := &k.Brands[h.Term.Value&^contextName]
		if h.Term.Value&contextName != 0 {
			if inContext == nil {
				inContext = k.contextsIn(norm)
			}
			if !inContext[b] {
				continue
			}
		}
		if i, ok := seen[b]; ok {
			out[i].Count++
			continue
		}
		seen[b] = len(out)
		out = append(out, BrandMention{Brand: b, Name: h.Term.Text, Count: 1})
	}
	if b, ok := k.exact[norm]; ok && exact {
		if _, dup := seen[b]; !dup {
			out = append(out, BrandMention{Brand: b, Name: norm, Count: 1})
		}
	}
	return out
}

// contextsIn returns the brands one of whose context words norm holds:
// one pass of the context dictionary, whatever the number of brands.
func (k *KB) contextsIn(norm string) map[*Brand]bool {
	out := map[*Brand]bool{}
	for _, h := range k.contexts.Find(norm, "") {
		out[&k.Brands[h.Term.Value]] = true
	}
	return out
}

// outermost drops hits that lie inside a longer hit: 三菱UFJ inside
// 三菱UFJニコス, Yahoo inside Yahoo! JAPAN are not claims of their own.
// It sorts once and sweeps (O(n log n)), since hostile text repeats a
// name hundreds of thousands of times; the hits kept are in their
// original order.
func outermost(hits []match.Hit) []match.Hit {
	if len(hits) < 2 {
		return hits
	}
	order := make([]int, len(hits))
	for i := range order {
		order[i] = i
	}
	// By start, longer first: every hit that could contain h comes
	// before it.
	sort.Slice(order, func(a, b int) bool {
		ha, hb := hits[order[a]], hits[order[b]]
		if ha.Start != hb.Start {
			return ha.Start < hb.Start
		}
		return len(ha.Term.Text) > len(hb.Term.Text)
	})
	inside := make([]bool, len(hits))
	maxEnd, maxStart := -1, 0 // the furthest end so far, and the earliest start reaching it
	for _, i := range order {
		h := hits[i]
		end := h.Start + len(h.Term.Text)
		// A hit before h in this order starts at or before h; it is longer
		// and covers h when it ends after h, or ends with h but starts
		// earlier.
		if maxEnd > end || maxEnd == end && maxStart < h.Start {
			inside[i] = true
		}
		if end > maxEnd {
			maxEnd, maxStart = end, h.Start
		}
	}
	out := hits[:0:0]
	for i, h := range hits {
		if !inside[i] {
			out = append(out, h)
		}
	}
	return out
}

// ConfusableMention is a brand named with look-alike Latin letters or
// digits ("PayPaI", "lCIoud", "App1e"): the mention, the words as
// written and as a reader reads them.
type ConfusableMention struct {
	BrandMention
	Written, Read string
}

// minConfusableName is the shortest name, in letters and digits, matched
// through look-alikes: shorter ones ("au", "ANA", "SMBC" aside) are
// spelt by too many ordinary words.
const minConfusableName = 4

// maxConfusableText bounds the text FindConfusableBrands reads.
const maxConfusableText = 2048

// FindConfusableBrands returns the brands a display name or subject
// names through look-alike letters (match.ReadAs): whole words whose
// reading is one of a brand's names of four letters or more, written in
// ASCII. Words that are themselves the name of another brand stay that
// brand's. Each brand comes once, in order of first mention. Only the
// first maxConfusableText bytes are read: a name or subject is short,
// and a hostile one must not cost more.
func (k *KB) FindConfusableBrands(text string) []ConfusableMention {
	if text == "" {
		return nil
	}
	if len(text) > maxConfusableText {
		text = text[:maxConfusableText]
		for len(text) > 0 && !utf8.RuneStart(text[len(text)-1]) {
			text = text[:len(text)-1]
		}
	}
	ix := k.confusables()
	cased := match.NormalizeCase(text)
	words := match.ASCIIWords(cased)
	// Each word's key once; a run of words is looked up by its keys
	// joined with spaces, in one buffer (a run holds no "rn" across a
	// space, so the keys join as the run's key would be).
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i], _ = match.ConfusableKey(cased[w.Start:w.End])
	}
	var buf []byte
	var out []ConfusableMention
	seen := map[*Brand]int{}
	for w := 0; w < len(words); {
		found := 0
		// The longest run of words first: "Apple lD" before "Apple".
		for n := min(ix.maxWords, len(words)-w); n >= 1 && found == 0; n-- {
			if !spacedWords(cased, words[w:w+n]) {
				continue
			}
			buf = buf[:0]
			for i, key := range keys[w : w+n] {
				if i > 0 {
					buf = append(buf, ' ')
				}
				buf = append(buf, key...)
			}
			entries := ix.byKey[string(buf)]
			if entries == nil {
				continue
			}
			written := cased[words[w].Start:words[w+n-1].End]
			lower := match.Lower(written)
			if ix.special[lower] || confusableWords[lower] {
				continue
			}
			for _, e := range entries {
				b := &k.Brands[e.brand]
				if owner, ok := ix.names[lower]; ok && owner != b {
					break // another brand's name as written
				}
				read, ok := match.ReadAs(written, e.name)
				if !ok {
					continue
				}
				found = n
				if i, dup := seen[b]; dup {
					out[i].Count++
					break
				}
				seen[b] = len(out)
				out = append(out, ConfusableMention{BrandMention{Brand: b, Name: e.name, Count: 1}, written, read})
				break
			}
		}
		w += max(found, 1)
	}
	return out
}

// spacedWords reports words that follow each other with one space
// between them.
func spacedWords(cased string, words []match.WordSpan) bool {
	for i := 1; i < len(words); i++ {
		if words[i].Start != words[i-1].End+1 || cased[words[i-1].End] != ' ' {
			return false
		}
	}
	return true
}

// confusableWords are English words that read as a brand's name
// through a look-alike ("acorn" as ACOM's "acom"): every word of the
// SCOWL word list as Debian ships it (wamerican 2020.12.07,
// /usr/share/dict/words), as written, capitalised and in capitals, that
// FindConfusableBrands took for a brand when the list was drawn up. The
// other hit, "ledger" as the "iedger" of Ledger, is the brand's own
// context name (left to its context).
var confusableWords = map[string]bool{"acorn": true}

// confusableIndex holds the brands' names that look-alikes are matched
// against, by match.ConfusableKey, and every name as written.
type confusableIndex struct {
	byKey map[string][]confusableName
	// names maps a normalised name matched whatever its case to its
	// brand (the first to list it); special holds the names with rules
	// of their own (case-sensitive, context and exact names), which as
	// written are left to those rules.
	names    map[string]*Brand
	special  map[string]bool
	maxWords int
}

// attested reports a name of b that its display name or one of its
// domains' labels or tokens spells, or holds: "paypal" (paypal.com),
// "itaucard" (itau.com.br), "trust wallet" (Trust Wallet), not "paypai".
func attested(b *Brand, name string) bool {
	compact := strings.ReplaceAll(name, " ", "")
	spelt := []string{strings.ReplaceAll(match.Normalize(b.Name), " ", "")}
	for _, d := range b.Domains {
		label, _, _ := strings.Cut(d, ".")
		spelt = append(spelt, strings.ReplaceAll(label, "-", ""))
	}
	spelt = append(spelt, b.Tokens...)
	for _, s := range spelt {
		if len(s) >= minConfusableName && (strings.Contains(compact, s) || strings.Contains(s, compact)) {
			return true
		}
	}
	return false
}

type confusableName struct {
	brand int
	name  string // normalised
}

// confusables returns the knowledge base's look-alike index, built on
// first use (a KB is read-only after Load; the index dies with it).
func (k *KB) confusables() *confusableIndex {
	k.confusableOnce.Do(func() { k.confusableIx = k.buildConfusables() })
	return k.confusableIx
}

func (k *KB) buildConfusables() *confusableIndex {
	ix := &confusableIndex{byKey: map[string][]confusableName{}, names: map[string]*Brand{}, special: map[string]bool{}, maxWords: 1}
	for i := range k.Brands {
		b := &k.Brands[i]
		for _, n := range b.Names {
			if n := match.Normalize(n); ix.names[n] == nil {
				ix.names[n] = b
			}
		}
		for _, list := range [][]string{b.NamesCS, b.ContextNames, b.ExactNames} {
			for _, n := range list {
				ix.special[match.Normalize(n)] = true
			}
		}
		// The names matched whatever their case; case-sensitive ones
		// (LINE, VISA) are words in other cases.
		byKey := map[string][]string{}
		for _, n := range b.Names {
			n = match.Normalize(n)
			key, ok := match.ConfusableKey(n)
			if !ok || len(strings.ReplaceAll(n, " ", "")) < minConfusableName || slices.Contains(byKey[key], n) {
				continue
			}
			byKey[key] = append(byKey[key], n)
		}
		for key, names := range byKey {
			// The brand's misspellings ("paypai", "ltaucard", "app1e")
			// are disguises, not what a disguise reads as: where names
			// share a key, those its domains or its name attest.
			var kept []string
			for _, n := range names {
				if len(names) == 1 || attested(b, n) {
					kept = append(kept, n)
				}
			}
			if kept == nil {
				kept = names
			}
			for _, n := range kept {
				ix.byKey[key] = append(ix.byKey[key], confusableName{i, n})
				ix.maxWords = max(ix.maxWords, strings.Count(n, " ")+1)
			}
		}
	}
	return ix
}
