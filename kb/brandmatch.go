package kb

import (
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

func (k *KB) findBrands(text string, exact, domains bool) []BrandMention {
	if text == "" {
		return nil
	}
	cased := match.NormalizeCase(text)
	norm := match.Lower(cased)
	var out []BrandMention
	seen := map[*Brand]int{}
	hits := k.names.Find(norm, cased)
	if domains {
		hits = append(hits, k.domains.Find(norm, "")...)
	}
	for _, h := range outermost(hits) {
		b := &k.Brands[h.Term.Value]
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

// outermost drops hits that lie inside a longer hit: 三菱UFJ inside
// 三菱UFJニコス, Yahoo inside Yahoo! JAPAN are not claims of their own.
func outermost(hits []match.Hit) []match.Hit {
	out := hits[:0:0]
	for i, h := range hits {
		end := h.Start + len(h.Term.Text)
		inside := false
		for j, o := range hits {
			oend := o.Start + len(o.Term.Text)
			if i != j && o.Start <= h.Start && end <= oend && oend-o.Start > end-h.Start {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, h)
		}
	}
	return out
}
