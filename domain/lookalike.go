package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
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
	// Global brands own their name under many country domains
	// (google.de, amazon.cn): the name under another suffix counts only
	// when that suffix is a generic TLD common in phishing.
	Global bool
	// Local brands serve Japan (a domain under .jp) and are not global:
	// their name under another country's suffix is not a sister site.
	Local bool
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
	// Weak is set when the evidence is weaker: the brand token is also an
	// ordinary word, or it stands beside words that are not security words.
	Weak bool
}

// LookalikeIndex compares URLs with brand tokens. Build it once with
// NewLookalikeIndex; it is read-only and safe for concurrent use.
type LookalikeIndex struct {
	tokens    []indexedToken
	keywords  map[string]bool // skeleton form
	fragments map[string]bool // pieces of domain names: co, jp, com …
	maxKW     int

	pathKeywords map[string]bool  // lower-case
	byTrigram    map[string][]int // first three bytes of a token's skeleton (with and without hyphens) → tokens
	byFirst      map[byte][]int   // first byte of a token's joined skeleton → tokens, for typo candidates
	byRaw        map[string]int   // raw token without hyphens → first token
	domains      map[string]BrandToken
	suspicious   func(tld string) bool
	byJoined     map[string]bool // joined skeletons of the tokens that are not weak

	scan scanIndex // the host scan's dictionary and tables (lookalike_scan.go)
}

type indexedToken struct {
	BrandToken
	skel   string // skeleton with hyphens
	joined string // skeleton without hyphens
	runes  []rune // joined, as runes
	raw    string // token without hyphens
	typoK  int    // edits a registrable label may differ by and be its typosquat (typoEdits)
}

// LookalikeData is what the index is built from.
type LookalikeData struct {
	Tokens []BrandToken
	// Keywords are the security/support words phishing domains glue to a
	// brand; PathKeywords the stricter login words that make a brand
	// token in a path count; Fragments the pieces of domain names ("co",
	// "jp") written inside labels.
	Keywords, PathKeywords, Fragments []string
	// Domains maps each brand's legitimate domain to the brand id: a
	// path segment naming one (/wp-includes/smbc.co.jp/) imitates it.
	Domains map[string]BrandToken
	// SuspiciousTLD reports the top-level domains common in phishing.
	SuspiciousTLD func(tld string) bool
}

// NewLookalikeIndex indexes brand tokens, keywords and fragments.
func NewLookalikeIndex(d LookalikeData) *LookalikeIndex {
	x := &LookalikeIndex{keywords: map[string]bool{}, fragments: map[string]bool{}, pathKeywords: map[string]bool{},
		domains: d.Domains, suspicious: d.SuspiciousTLD}
	if x.suspicious == nil {
		x.suspicious = func(string) bool { return false }
	}
	for _, k := range d.PathKeywords {
		x.pathKeywords[strings.ToLower(k)] = true
	}
	keywords, fragments := d.Keywords, d.Fragments
	for _, t := range d.Tokens {
		sk := Skeleton(t.Token)
		j := strings.ReplaceAll(sk, "-", "")
		x.tokens = append(x.tokens, indexedToken{BrandToken: t, skel: sk, joined: j, runes: []rune(j), raw: strings.ReplaceAll(strings.ToLower(t.Token), "-", "")})
	}
	x.byTrigram, x.byFirst, x.byRaw, x.byJoined = map[string][]int{}, map[byte][]int{}, map[string]int{}, map[string]bool{}
	for i, t := range x.tokens {
		if len(t.joined) < 3 {
			continue // two letters (au): only the host scan, beside other evidence
		}
		if !t.Weak {
			x.byJoined[t.joined] = true
		}
		for _, k := range []string{t.skel[:min(3, len(t.skel))], t.joined[:min(3, len(t.joined))]} {
			if l := x.byTrigram[k]; len(l) == 0 || l[len(l)-1] != i {
				x.byTrigram[k] = append(x.byTrigram[k], i)
			}
		}
		if t.joined != "" {
			x.byFirst[t.joined[0]] = append(x.byFirst[t.joined[0]], i)
		}
		if _, dup := x.byRaw[t.raw]; !dup {
			x.byRaw[t.raw] = i
		}
	}
	for _, k := range keywords {
		s := Skeleton(k)
		x.keywords[s] = true
		x.maxKW = max(x.maxKW, len(s))
	}
	for _, f := range fragments {
		x.fragments[Skeleton(f)] = true
	}
	x.buildScan()
	return x
}

// candidates returns, in index order, the tokens that can match skel: those
// whose first three letters occur in it (with or without hyphens), and
// those one edit away by length that share the first letter of one of
// pieces (for typos).
func (x *LookalikeIndex) candidates(skel string, pieces []string) []int {
	seen := make([]bool, len(x.tokens))
	add := func(i int) { seen[i] = true }
	for _, s := range []string{skel, strings.ReplaceAll(skel, "-", "")} {
		for i := 0; i+3 <= len(s); i++ {
			for _, t := range x.byTrigram[s[i:i+3]] {
				add(t)
			}
		}
	}
	for _, p := range pieces {
		if p == "" {
			continue
		}
		n := utf8.RuneCountInString(p)
		for _, t := range x.byFirst[p[0]] {
			if d := len(x.tokens[t].runes) - n; d <= 1 && d >= -1 {
				add(t)
			}
		}
	}
	var out []int
	for i, ok := range seen {
		if ok {
			out = append(out, i)
		}
	}
	return out
}

// Check returns the ways u imitates a brand. The caller leaves out hosts
// under a brand's legitimate domains: those never match.
func (x *LookalikeIndex) Check(u URL) []Lookalike {
	if u.IP || u.Registrable == "" {
		return nil
	}
	// Work on the ASCII names and show the labels as the reader sees them.
	var out []Lookalike
	suffix, _ := publicsuffix.PublicSuffix(u.Registrable)
	label := toUnicode(strings.TrimSuffix(u.Registrable, "."+suffix))
	labelSkel := Skeleton(label)
	if l, ok := x.registrableLabel(label, labelSkel, suffix); ok {
		out = append(out, l)
	}
	sub, subSkel := "", ""
	if s := strings.TrimSuffix(u.Host, "."+u.Registrable); s != u.Host {
		sub = toUnicode(s)
		subSkel = Skeleton(sub)
		out = append(out, x.subdomain(sub, subSkel)...)
	}
	if len(out) == 0 || len(out) == 1 && out[0].Brand == "" {
		// No brand yet: look for one hidden by the tricks the passes
		// above do not read (lookalike_scan.go).
		if l, ok := x.scanHost(sub, subSkel, label, labelSkel, suffix); ok {
			out = append([]Lookalike{l}, out...)
		}
	}
	if l, ok := x.path(u.Path); ok {
		out = append(out, l)
	}
	return out
}

// toUnicode shows punycode labels (xn--…) as the characters they encode.
func toUnicode(h string) string {
	if !strings.Contains(h, "xn--") {
		return h
	}
	if d, err := idna.Display.ToUnicode(h); err == nil {
		return d
	}
	return h
}

// registrableLabel judges the label of the registrable domain
// ("rec0very-supp0rt-micr0s0ft" of rec0very-supp0rt-micr0s0ft.org).
func (x *LookalikeIndex) registrableLabel(label, skel, suffix string) (Lookalike, bool) {
	joined := strings.ReplaceAll(skel, "-", "")
	rawJoined := strings.ReplaceAll(label, "-", "")
	nonASCII := !isASCII(label)
	// A label that is exactly some brand's name (mercadolibre under
	// .com.ve, telekom under .hu) is that name, not a typo of another.
	exact := x.byJoined[joined]
	var best Lookalike
	found := false
	for _, i := range x.candidates(skel, []string{joined}) {
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
				tld := suffix[strings.LastIndexByte(suffix, '.')+1:]
				if t.Global && (len(tld) == 2 || !x.suspicious(tld)) {
					continue // google.de, amazon.cn, facebook.net
				}
				if !t.Local && !x.suspicious(tld) {
					continue // a foreign brand's other sites: telekom.hu, bestbuy.ca, wetransfer.net
				}
				if tld == "jp" && suffix != "jp" && strings.HasSuffix(t.Legit, ".jp") {
					continue // co.jp, ad.jp, ne.jp … are open to Japanese organisations only: rakuten.ad.jp
				}
				l.Method = MethodOtherSuffix
			}
			l.Marked = markDiff(label, t.Token)
			return l, true
		case !t.Weak && !exact && len(t.runes) >= 6 && len(joined) >= 6 && !nonASCII && joined[0] == t.joined[0]:
			// One edit, keeping the first letter: typosquats keep the
			// start the reader recognises (amaezon, mircosoft); two in a
			// name of ten letters or more (amerizxanexpress).
			// The second edit must leave both ends alone: a name with
			// letters added at an end is most often another (concordia
			// of concordia-fg, barclaycardus of barclaycard).
			k := t.typoK
			if d := editDistance([]rune(joined), t.runes, k); d <= 1 || d <= k && keepsEnds(joined, t.joined) {
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
	// rest holds the other pieces, each as skeleton (to classify) and as
	// written (to show).
	type piece struct{ skel, raw string }
	var rest []piece
	others := func(skip func(i int) bool) {
		for i := range pieces {
			if !skip(i) {
				rest = append(rest, piece{pieces[i], rawPieces[i]})
			}
		}
	}
	// The brand token may itself contain hyphens (eki-net): join it back.
	brandRaw := ""
	n := strings.Count(t.skel, "-") + 1
	for i := 0; i+n <= len(pieces); i++ {
		if strings.Join(pieces[i:i+n], "-") == t.skel {
			brandRaw = strings.Join(rawPieces[i:i+n], "-")
			others(func(k int) bool { return k >= i && k < i+n })
			break
		}
	}
	if brandRaw == "" && len(t.joined) >= 4 {
		// Glued: one piece holds the brand plus keywords or fragments.
		for i, p := range pieces {
			j := strings.Index(p, t.joined)
			if j < 0 {
				continue
			}
			pre, post := p[:j], p[j+len(t.joined):]
			if (pre == "" && post == "") || !x.segments(pre) || !x.segments(post) {
				continue
			}
			brandRaw = rawPieces[i]
			others(func(k int) bool { return k == i })
			rawPre, rawPost := pre, post
			if r := rawPieces[i]; len(r) == len(p) { // no letter pair folded: same offsets
				rawPre, rawPost = r[:j], r[j+len(t.joined):]
			}
			rest = append(rest, piece{pre, rawPre}, piece{post, rawPost})
			break
		}
	}
	if brandRaw == "" {
		return Lookalike{}, false
	}
	var keywords []string
	fragments := 0
	for _, p := range rest {
		switch {
		case p.skel == "":
		case x.fragments[p.skel]:
			fragments++
		case x.segments(p.skel):
			keywords = append(keywords, p.raw)
		}
	}
	l := Lookalike{Brand: t.Brand, Token: t.Token, Legit: t.Legit, Found: raw, Keywords: keywords, Weak: t.Weak}
	substituted := !strings.Contains(strings.ReplaceAll(strings.ToLower(raw), "-", ""), t.raw)
	if t.Weak && len(keywords) < 2 {
		// An ordinary word (office, line) beside one security word is too
		// common in honest names ("officesecurity"); two make it a claim.
		return Lookalike{}, false
	}
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
			if w := s[i:j]; x.keywords[w] && len(w) >= 3 || x.fragments[w] && len(w) >= 2 {
				ok[j] = true
			}
		}
	}
	return ok[len(s)]
}

// subdomain looks for brand tokens and disguised domain names in the
// labels left of the registrable domain
// ("www.anzcam-co-jp.amaezon" of www.anzcam-co-jp.amaezon.qniseg.top).
func (x *LookalikeIndex) subdomain(sub, skel string) []Lookalike {
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
		if (pieces[i] == "co" || pieces[i] == "ne" || pieces[i] == "or" || pieces[i] == "go") && pieces[i+1] == "jp" {
			hasFragment = true
		}
	}
	for _, p := range pieces {
		if p == "cojp" || p == "nejp" || p == "orjp" || p == "gojp" {
			hasFragment = true
		}
	}
	// Exact tokens first, so that paypal.com.… is PayPal and not a typo of
	// PayPay.
	cands := x.candidates(skel, pieces)
	for pass := 0; pass < 2; pass++ {
		for _, i := range cands {
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
				case pass == 1 && (len(t.runes) >= 6 || len(t.runes) == 5 && hasFragment) && len(p) >= 5 && p[0] == t.joined[0] && editDistance([]rune(p), t.runes, 1) <= 1:
					match, method = true, MethodTypo
				case pass == 1 && len(t.joined) >= 4 && strings.HasPrefix(p, t.joined) && x.segments(p[len(t.joined):]),
					pass == 1 && len(t.joined) >= 4 && strings.HasSuffix(p, t.joined) && x.segments(p[:len(p)-len(t.joined)]):
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
	for _, seg := range strings.Split(lower, "/") {
		if t, ok := x.domains[seg]; ok && strings.Contains(seg, ".") {
			return Lookalike{Kind: BrandInPath, Method: MethodToken, Brand: t.Brand, Token: seg, Legit: t.Legit,
				Found: p, Marked: p}, true
		}
	}
	pieces := strings.FieldsFunc(lower, func(r rune) bool {
		return r == '/' || r == '-' || r == '_' || r == '.' || r == '?' || r == '=' || r == '&'
	})
	var brand *indexedToken
	var keywords []string
	for _, piece := range pieces {
		if i, ok := x.byRaw[piece]; ok && brand == nil {
			if t := &x.tokens[i]; !t.Weak && len(t.raw) >= 4 {
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
