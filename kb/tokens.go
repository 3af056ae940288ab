package kb

import (
	"strings"

	"github.com/mekiki/mekiki/domain"
	"golang.org/x/net/publicsuffix"
)

// brandTokens lists the names each brand's domains are known by: the
// label of every legitimate registrable domain ("rakuten-card" of
// rakuten-card.co.jp) and the brand's extra tokens. Tokens of one letter
// are left out; two-letter ones (au of au.com) are kept for the host scan,
// which counts them only beside a keyword or another of the brand's names.
// Those in weak are marked weak (ordinary words that count only beside
// security words). Local marks a brand that serves Japan (one of its
// domains is under .jp) and is not global.
func brandTokens(brands []Brand, weak []string) []domain.BrandToken {
	isWeak := map[string]bool{}
	for _, w := range weak {
		isWeak[strings.ToLower(w)] = true
	}
	// A token shared by several brands (japanpost for Japan Post and
	// Japan Post Bank) goes to the brand that lists it explicitly, else to
	// the first that uses it.
	var out []domain.BrandToken
	seen := map[string]bool{}
	add := func(b Brand, tok, legit string) {
		tok = strings.ToLower(tok)
		if len(tok) < 2 || seen[tok] {
			return
		}
		seen[tok] = true
		out = append(out, domain.BrandToken{Brand: b.ID, Token: tok, Legit: legit, Weak: isWeak[tok], Global: b.Global,
			Local: !b.Global && servesJapan(b)})
	}
	for _, b := range brands {
		for _, t := range b.Tokens {
			add(b, t, b.Domains[0])
		}
	}
	for _, b := range brands {
		for _, d := range b.Domains {
			add(b, domainLabel(d), d)
		}
	}
	// A name shared with a global brand (yahoo of Yahoo! JAPAN and Yahoo)
	// is global: yahoo.de is Yahoo's own.
	global := map[string]bool{}
	for _, b := range brands {
		if !b.Global {
			continue
		}
		for _, t := range b.Tokens {
			global[strings.ToLower(t)] = true
		}
		for _, d := range b.Domains {
			global[strings.ToLower(domainLabel(d))] = true
		}
	}
	for i := range out {
		if global[out[i].Token] {
			out[i].Global, out[i].Local = true, false
		}
	}
	return out
}

// servesJapan reports whether one of b's domains is under .jp.
func servesJapan(b Brand) bool {
	for _, d := range b.Domains {
		if strings.HasSuffix(strings.ToLower(d), ".jp") {
			return true
		}
	}
	return false
}

// brandDomains maps every legitimate brand domain to its brand.
func brandDomains(brands []Brand) map[string]domain.BrandToken {
	out := map[string]domain.BrandToken{}
	for _, b := range brands {
		for _, d := range b.Domains {
			d = strings.ToLower(d)
			if _, dup := out[d]; !dup {
				out[d] = domain.BrandToken{Brand: b.ID, Token: d, Legit: d}
			}
		}
	}
	return out
}

// domainLabel returns the registrable label of d ("rakuten-card" of
// rakuten-card.co.jp).
func domainLabel(d string) string {
	reg := domain.Registrable(d)
	suffix, _ := publicsuffix.PublicSuffix(reg)
	return strings.TrimSuffix(reg, "."+suffix)
}

// Lookalike returns the ways u imitates a brand. Links to any brand's
// legitimate domains never match.
func (k *KB) Lookalike(u domain.URL) []domain.Lookalike {
	if len(k.brandOrgs[u.Registrable]) > 0 {
		return nil
	}
	return k.lookalikes.Check(u)
}
