package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"
)

// Kinds of Lookalike, one per finding they raise.
const (
	LookalikeDomain   = "lookalike_domain"   // the registrable domain imitates a brand domain
	BrandKeyword      = "brand_keyword"      // brand word plus security/support words
	BrandInSubdomain  = "brand_in_subdomain" // brand token in the subdomain of another domain
	BrandInPath       = "brand_in_path"      // brand token beside a login word in the path
	DomainInSubdomain = "domain_in_subdomain"
	IDNHomoglyph      = "idn_homoglyph" // an internationalised name that renders like a brand
)

// Methods: how a Lookalike imitates the brand.
const (
	MethodHomoglyph   = "homoglyph"    // look-alike Unicode letters
	MethodDigitSwap   = "digit_swap"   // 0 for o, 1 for l, rn for m …
	MethodTypo        = "typo"         // an inserted, dropped, swapped or changed letter
	MethodHyphenation = "hyphenation"  // amazon-co-jp, brand split or joined with domain pieces
	MethodOtherSuffix = "other_suffix" // the brand's own name under a suffix it does not use
	MethodKeyword     = "keyword"      // brand word glued to security/support words
	MethodToken       = "token"        // the brand's name as a token
)

// BrandToken is one name a brand's domains are known by ("amazon",
// "eki-net", "smbc"), with one of its legitimate domains for evidence.
type BrandToken struct {
	Brand string
	Token string
	Legit string
	// Weak tokens are ordinary words too ("office", "line"): they count
	// only beside security/support keywords, never by spelling alone.
	Weak bool
}

// Lookalike is one way a URL imitates a brand.
type Lookalike struct {
	Kind     string
	Method   string
	Brand    string   // brand id
	Token    string   // the brand token imitated
	Legit    string   // a legitimate domain of the brand
	Found    string   // the label, token or path part that imitates it
	Marked   string   // Found with the differing characters in brackets
	Keywords []string // security/support words found beside the brand
	Weak     bool     // the brand token is also an ordinary word
}

// LookalikeIndex compares URLs with brand tokens. Build it once with
// NewLookalikeIndex; it is read-only and safe for concurrent use.
type LookalikeIndex struct {
	tokens    []indexedToken
	keywords  map[string]bool // skeleton form
	fragments map[string]bool // pieces of domain names: co, jp, com …
	maxKW     int

	pathKeywords map[string]bool // lower-case
}

type indexedToken struct {
	BrandToken
	skel   string // skeleton with hyphens
	joined string // skeleton without hyphens
	runes  []rune // joined, as runes
	raw    string // token without hyphens
}

// LookalikeData is what the index is built from.
type LookalikeData struct {
	Tokens []BrandToken
	// Keywords are the security/support words phishing domains glue to a
	// brand; PathKeywords the stricter login words that make a brand
	// token in a path count; Fragments the pieces of domain names ("co",
	// "jp") written inside labels.
	Keywords, PathKeywords, Fragments []string
}

// NewLookalikeIndex indexes brand tokens, keywords and fragments.
func NewLookalikeIndex(d LookalikeData) *LookalikeIndex {
	x := &LookalikeIndex{keywords: map[string]bool{}, fragments: map[string]bool{}, pathKeywords: map[string]bool{}}
	for _, k := range d.PathKeywords {
		x.pathKeywords[strings.ToLower(k)] = true
	}
	keywords, fragments := d.Keywords, d.Fragments
	for _, t := range d.Tokens {
		sk := Skeleton(t.Token)
		j := strings.ReplaceAll(sk, "-", "")
		x.tokens = append(x.tokens, indexedToken{BrandToken: t, skel: sk, joined: j, runes: []rune(j), raw: strings.ReplaceAll(strings.ToLower(t.Token), "-", "")})
	}
	for _, k := range keywords {
		s := Skeleton(k)
		x.keywords[s] = true
		x.maxKW = max(x.maxKW, len(s))
	}
	for _, f := range fragments {
		x.fragments[Skeleton(f)] = true
	}
	return x
}

// Check returns the ways u imitates a brand. The caller leaves out hosts
// under a brand's legitimate domains: those never match.
func (x *LookalikeIndex) Check(u URL) []Lookalike {
	if u.IP || u.Registrable == "" {
		return nil
	}
	var out []Lookalike
	regU := u.Registrable
	if strings.Contains(regU, "xn--") {
		regU = unicodeHost(regU)
	}
	suffix, _ := publicsuffix.PublicSuffix(u.Registrable)
	label := strings.TrimSuffix(regU, "."+unicodeHost(suffix))
	if label == regU {
		label = strings.TrimSuffix(regU, "."+suffix)
	}
	if l, ok := x.registrableLabel(label, suffix); ok {
		out = append(out, l)
	}
	hostU := u.HostUnicode
	if sub := strings.TrimSuffix(hostU, regU); sub != hostU && sub != "" {
		out = append(out, x.subdomain(strings.TrimSuffix(sub, "."))...)
	}
	if l, ok := x.path(u.Path); ok {
		out = append(out, l)
	}
	return out
}

func unicodeHost(h string) string {
	if u, ok := ParseURL("http://" + h + "/"); ok {
		return u.HostUnicode
	}
	return h
}

// registrableLabel judges the label of the registrable domain
// ("rec0very-supp0rt-micr0s0ft" of rec0very-supp0rt-micr0s0ft.org).
func (x *LookalikeIndex) registrableLabel(label, suffix string) (Lookalike, bool) {
	skel := Skeleton(label)
	joined := strings.ReplaceAll(skel, "-", "")
	rawJoined := strings.ReplaceAll(label, "-", "")
	nonASCII := !isASCII(label)
	var best Lookalike
	found := false
	for i := range x.tokens {
		t := &x.tokens[i]
		l := Lookalike{Brand: t.Brand, Token: t.Token, Legit: t.Legit, Found: label}
		switch {
		case joined == t.joined && !t.Weak:
			l.Kind, l.Method = LookalikeDomain, MethodDigitSwap
			switch {
			case nonASCII:
				l.Kind, l.Method = IDNHomoglyph, MethodHomoglyph
			case rawJoined == t.raw && strings.Contains(label, "-") != strings.Contains(t.Token, "-"):
				l.Method = MethodHyphenation
			case rawJoined == t.raw:
				if suffix == publicSuffixOf(t.Legit) {
					continue // the same name: the brand's own under another label form
				}
				l.Method = MethodOtherSuffix
			}
			l.Marked = markDiff(label, t.Token)
			return l, true
		case !t.Weak && len(t.runes) >= 6 && len(joined) >= 6 && !nonASCII:
			k := 1
			if len(t.runes) >= 10 {
				k = 2
			}
			if editDistance([]rune(joined), t.runes, k) <= k {
				l.Kind, l.Method, l.Marked = LookalikeDomain, MethodTypo, markDiff(label, t.Token)
				best, found = l, true
			}
		}
		if found {
			continue
		}
		if l, ok := x.tokenised(skel, label, t); ok {
			if nonASCII {
				l.Kind, l.Method = IDNHomoglyph, MethodHomoglyph
			}
			best, found = l, true
		}
	}
	return best, found
}

// tokenised looks for brand token t among the hyphen-separated pieces of
// a label, or glued to keywords and domain fragments inside one piece.
func (x *LookalikeIndex) tokenised(skel, raw string, t *indexedToken) (Lookalike, bool) {
	if !strings.Contains(skel, t.joined) && !strings.Contains(skel, t.skel) {
		return Lookalike{}, false
	}
	pieces := strings.Split(skel, "-")
	rawPieces := strings.Split(raw, "-")
	if len(rawPieces) != len(pieces) {
		rawPieces = pieces
	}
	// The brand token may itself contain hyphens (eki-net): join it back.
	brandAt := -1
	var rest []string
	var brandRaw string
	n := strings.Count(t.skel, "-") + 1
	for i := 0; i+n <= len(pieces); i++ {
		if strings.Join(pieces[i:i+n], "-") == t.skel {
			brandAt = i
			brandRaw = strings.Join(rawPieces[i:i+n], "-")
			rest = append(append(rest, pieces[:i]...), pieces[i+n:]...)
			break
		}
	}
	if brandAt < 0 {
		// Glued: one piece holds the brand plus keywords or fragments.
		for i, p := range pieces {
			j := strings.Index(p, t.joined)
			if j < 0 || len(t.joined) < 4 {
				continue
			}
			pre, post := p[:j], p[j+len(t.joined):]
			if (pre == "" || x.segments(pre)) && (post == "" || x.segments(post)) && (pre != "" || post != "") {
				brandAt = i
				brandRaw = rawPieces[i]
				rest = append(append(append(rest, pieces[:i]...), pieces[i+1:]...), pre, post)
				break
			}
		}
	}
	if brandAt < 0 {
		return Lookalike{}, false
	}
	var keywords []string
	fragments := 0
	for _, p := range rest {
		switch {
		case p == "":
		case x.fragments[p]:
			fragments++
		case x.segments(p):
			keywords = append(keywords, p)
		}
	}
	l := Lookalike{Brand: t.Brand, Token: t.Token, Legit: t.Legit, Found: raw, Keywords: keywords, Weak: t.Weak}
	substituted := !strings.Contains(strings.ReplaceAll(strings.ToLower(raw), "-", ""), t.raw)
	switch {
	case len(keywords) > 0 && substituted && !t.Weak:
		l.Kind, l.Method, l.Marked = LookalikeDomain, MethodDigitSwap, markDiff(brandRaw, t.Token)
	case len(keywords) > 0:
		l.Kind, l.Method = BrandKeyword, MethodKeyword
	case fragments > 0 && !t.Weak:
		l.Kind, l.Method = LookalikeDomain, MethodHyphenation
	default:
		return Lookalike{}, false
	}
	if l.Marked == "" {
		l.Marked = raw
	}
	return l, true
}

// segments reports whether s splits wholly into keywords and fragments.
func (x *LookalikeIndex) segments(s string) bool {
	if s == "" {
		return true
	}
	ok := make([]bool, len(s)+1)
	ok[0] = true
	for i := 0; i < len(s); i++ {
		if !ok[i] {
			continue
		}
		for j := i + 1; j <= len(s) && j-i <= x.maxKW; j++ {
			if w := s[i:j]; x.keywords[w] || x.fragments[w] && len(w) >= 2 {
				ok[j] = true
			}
		}
	}
	return ok[len(s)]
}

// subdomain looks for brand tokens and disguised domain names in the
// labels left of the registrable domain
// ("www.anzcam-co-jp.amaezon" of www.anzcam-co-jp.amaezon.qniseg.top).
func (x *LookalikeIndex) subdomain(sub string) []Lookalike {
	skel := Skeleton(sub)
	pieces := strings.FieldsFunc(skel, func(r rune) bool { return r == '.' || r == '-' })
	rawPieces := strings.FieldsFunc(strings.ToLower(sub), func(r rune) bool { return r == '.' || r == '-' })
	if len(rawPieces) != len(pieces) {
		rawPieces = pieces
	}
	// A Japanese domain written in the subdomain (….co.jp.example.cn,
	// …-co-jp.example.top) disguises the address; "com" pieces are also
	// how hosting providers name customer sites, so they do not count.
	hasFragment := false
	for i := 0; i+1 < len(pieces); i++ {
		if (pieces[i] == "co" || pieces[i] == "ne" || pieces[i] == "or") && pieces[i+1] == "jp" {
			hasFragment = true
		}
	}
	for _, p := range pieces {
		if p == "cojp" || p == "nejp" || p == "orjp" {
			hasFragment = true
		}
	}
	// Exact tokens first, so that paypal.com.… is PayPal and not a typo of
	// PayPay.
	for pass := 0; pass < 2; pass++ {
		for i := range x.tokens {
			t := &x.tokens[i]
			if t.Weak {
				continue
			}
			for pi, p := range pieces {
				match := false
				method := MethodToken
				switch {
				case pass == 0 && p == t.joined && (len(t.runes) >= 4 || hasFragment):
					match = true
					if rawPieces[pi] != t.raw {
						method = MethodDigitSwap
					}
				case pass == 0 && strings.Contains(t.skel, "-") && strings.Contains(skel, t.skel):
					match = true
				case pass == 1 && (len(t.runes) >= 6 || len(t.runes) == 5 && hasFragment) && len(p) >= 5 && editDistance([]rune(p), t.runes, 1) <= 1:
					match, method = true, MethodTypo
				case pass == 1 && len(t.joined) >= 5 && strings.HasPrefix(p, t.joined) && x.segments(p[len(t.joined):]),
					pass == 1 && len(t.joined) >= 5 && strings.HasSuffix(p, t.joined) && x.segments(p[:len(p)-len(t.joined)]):
					match, method = true, MethodKeyword
				}
				if match {
					return []Lookalike{{Kind: BrandInSubdomain, Method: method, Brand: t.Brand, Token: t.Token, Legit: t.Legit,
						Found: sub, Marked: markSub(sub, rawPieces[pi], t.Token, method)}}
				}
			}
		}
	}
	if hasFragment {
		return []Lookalike{{Kind: DomainInSubdomain, Found: sub, Marked: sub}}
	}
	return nil
}

// markSub marks the imitating piece inside the subdomain.
func markSub(sub, piece, token, method string) string {
	if method == MethodToken || method == MethodKeyword {
		return sub
	}
	return strings.Replace(strings.ToLower(sub), piece, markDiff(piece, token), 1)
}

// path looks for a brand token beside a login or verification keyword in
// the path ("/amazon/signin.php" on an unrelated site).
func (x *LookalikeIndex) path(p string) (Lookalike, bool) {
	if len(p) < 5 {
		return Lookalike{}, false
	}
	lower := strings.ToLower(p)
	pieces := strings.FieldsFunc(lower, func(r rune) bool {
		return r == '/' || r == '-' || r == '_' || r == '.' || r == '?' || r == '=' || r == '&'
	})
	var brand *indexedToken
	var keywords []string
	for _, piece := range pieces {
		for i := range x.tokens {
			if t := &x.tokens[i]; !t.Weak && len(t.raw) >= 4 && piece == t.raw && brand == nil {
				brand = t
			}
		}
		if x.pathKeywords[piece] {
			keywords = append(keywords, piece)
		}
	}
	if brand == nil || len(keywords) == 0 {
		return Lookalike{}, false
	}
	return Lookalike{Kind: BrandInPath, Method: MethodToken, Brand: brand.Brand, Token: brand.Token, Legit: brand.Legit,
		Found: p, Marked: p, Keywords: keywords}, true
}

func publicSuffixOf(d string) string {
	s, _ := publicsuffix.PublicSuffix(Normalize(d))
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// MixedScript reports whether a label mixes Latin letters with letters of
// another alphabet (Cyrillic, Greek, Armenian …), the signature of a
// homoglyph domain. Japanese and Chinese labels mixing kana, kanji and
// Latin are normal and do not count.
func MixedScript(label string) bool {
	latin, other := false, false
	for _, r := range label {
		switch {
		case r < 0x80:
			if unicode.IsLetter(r) {
				latin = true
			}
		case unicode.In(r, unicode.Latin):
			latin = true
		case unicode.In(r, unicode.Cyrillic, unicode.Greek, unicode.Armenian, unicode.Cherokee, unicode.Georgian):
			other = true
		}
	}
	return latin && other
}
