package kb

import (
	"sort"

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
