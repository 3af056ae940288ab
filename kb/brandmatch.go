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
// each once with its count of mentions. Exact names (a bare "au") are not
// looked for; see FindBrandsInName.
func (k *KB) FindBrands(text string) []BrandMention {
	return k.findBrands(text, false)
}

// FindBrandsInName is FindBrands for a display name, where exact names
// count too.
func (k *KB) FindBrandsInName(name string) []BrandMention {
	return k.findBrands(name, true)
}

func (k *KB) findBrands(text string, exact bool) []BrandMention {
	if text == "" {
		return nil
	}
	norm := match.Normalize(text)
	cased := match.NormalizeCase(text)
	var out []BrandMention
	seen := map[*Brand]int{}
	for _, h := range k.names.Find(norm, cased) {
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
