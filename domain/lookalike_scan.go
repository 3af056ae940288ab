package domain

import (
	"math/bits"
	"strings"

	"github.com/mekiki/mekiki/match"
)

// The host scan looks for a brand's token wherever phishing hides it in a
// host, for the hosts the passes of Check leave without a brand: glued to
// other letters without a separator (ckodocomo), beside any word and not
// only security words (apple-detect, amazon-tokyo.xyz), spelt with
// letters inserted, dropped or swapped (mecrocarci, kdda, rakuteo), split
// by hyphens (am-azon), or after a Japanese prefix (www.jp.…, …-co-ip).
//
// Each hit is weighed by how close it is to the token and how long the
// token is, then by the evidence around it: a Japanese domain or country
// word elsewhere in the host, a security word, a top-level domain common
// in phishing, a run of digits, another of the same brand's names, and
// whether it stands in the subdomain of an unrelated domain. Short
// tokens need more of that evidence than long ones: "au" counts only
// beside a login word or another of au's names, while a misspelt
// "americanexpress" counts on its own.
//
// The work is linear in the host: one pass of an Aho–Corasick dictionary
// over the host's letters finds every token written out; spelling
// variants are compared only with the tokens that share a piece's first
// letter and pass a letter-set filter, for at most maxScanPieces pieces.

// Forms of a token found by the scan.
const (
	formExact  = iota // a whole piece ("amazon" in amazon-tokyo)
	formSplit         // spread over hyphen pieces ("am-azon")
	formGlued         // inside a piece, beside other letters ("ckodocomo")
	formFuzzy         // a few edits away ("rakuteo", "kdda")
	formSubseq        // the token's letters in order, others inserted ("mecrocarci")
)

// maxScanPieces bounds the subdomain pieces the scan reads, and
// maxLabelPieces those of one label (a DNS label of 63 letters has 32 at
// most); the registrable label is always read.
const (
	maxScanPieces  = 40
	maxLabelPieces = 32
)

// scoreToFire is the weight a hit needs (see scanHit.score).
const scoreToFire = 3

// maxScanHits bounds the hits weighed for one host (each against the
// others): a host that repeats a name (au-au-au-…) says all it says in
// its first ones.
const maxScanHits = 64

type scanIndex struct {
	dict    *match.Dictionary // token skeletons, shifted (see shiftByte)
	masks   []uint32          // letters of each token's joined skeleton
	thin    []bool            // tokens whose own letters are two at most beside a keyword (ymobile, dccard)
	short   map[string][]int  // brand → its tokens of two or three letters (au)
	skip    []bool            // tokens the scan leaves out (weak, words, foreign two-letter names)
	kwFirst map[byte][]string // keywords of five letters or more by first letter, for misspelt ones
	// byFirstLen lists the tokens the fuzzy pass compares, by first
	// letter and length.
	byFirstLen [26][64][]int32
}

// Skeletons of the words that name Japan or a Japanese domain in a host.
var (
	jpWords    = map[string]bool{}
	jpSecond   = map[string]bool{} // co, ne, or … before jp
	skelJP     = asciiSkeleton("jp")
	skelIP     = asciiSkeleton("ip") // "co.ip": i for j
	jpWordList = []string{"jp", "jpn", "japan", "nihon", "nippon", "tokyo", "cojp", "nejp", "orjp", "gojp", "acjp", "coip", "neip"}
)

func init() {
	for _, w := range jpWordList {
		jpWords[asciiSkeleton(w)] = true
	}
	for _, w := range []string{"co", "ne", "or", "go", "ac", "ad", "ed", "lg"} {
		jpSecond[asciiSkeleton(w)] = true
	}
}

// shiftByte moves ASCII letters and digits above 0x80, where the
// dictionary's word boundaries do not apply, so that it finds tokens
// inside words ("docomo" in "ckodocomo"). Other bytes become '.', which
// no term contains.
func shiftByte(c byte) byte {
	if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
		return c | 0x80
	}
	return '.'
}

func (x *LookalikeIndex) buildScan() {
	var terms []match.Term
	x.scan.short = map[string][]int{}
	x.scan.masks = make([]uint32, len(x.tokens))
	x.scan.thin = make([]bool, len(x.tokens))
	x.scan.skip = make([]bool, len(x.tokens))
	for i, t := range x.tokens {
		x.tokens[i].typoK = x.typoEdits(t.joined)
		x.scan.masks[i] = letterMask(t.joined)
		x.scan.thin[i] = x.thinToken(t.joined)
		if t.Weak || len(t.joined) < 2 || !isASCII(t.joined) || x.keywords[t.joined] || x.fragments[t.joined] ||
			len(t.joined) == 2 && !t.Local {
			// Words (my, pay) are no names; of two-letter names only
			// Japanese brands' (au) are read, beside other evidence.
			x.scan.skip[i] = true
			continue
		}
		b := []byte(t.joined)
		for j := range b {
			b[j] = shiftByte(b[j])
		}
		terms = append(terms, match.Term{Text: string(b), Value: i})
		if len(t.joined) <= 3 {
			x.scan.short[t.Brand] = append(x.scan.short[t.Brand], i)
		}
		if c := t.joined[0]; c >= 'a' && c <= 'z' && len(t.joined) >= 4 && len(t.joined) < 64 {
			x.scan.byFirstLen[c-'a'][len(t.joined)] = append(x.scan.byFirstLen[c-'a'][len(t.joined)], int32(i))
		}
	}
	x.scan.dict = match.NewDictionary(terms)
	x.scan.kwFirst = map[byte][]string{}
	for k := range x.keywords {
		if len(k) >= 5 {
			x.scan.kwFirst[k[0]] = append(x.scan.kwFirst[k[0]], k)
		}
	}
}

// thinToken reports a token that is a keyword or domain piece with two
// letters or fewer of its own (y+mobile, dc+card, t+mobile).
func (x *LookalikeIndex) thinToken(j string) bool {
	for n := 1; n <= 2 && n < len(j); n++ {
		if x.segments(j[n:]) || x.segments(j[:len(j)-n]) {
			return true
		}
	}
	return false
}

// letterMask has bit c-'a' set for each letter c of s.
func letterMask(s string) uint32 {
	var m uint32
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			m |= 1 << (c - 'a')
		}
	}
	return m
}

type scanPiece struct {
	skel, raw  string
	unpaired   string // skeleton without the letter-pair folds (cl → d), when they changed it
	label      int    // dot label, from the left
	sub        bool   // in the subdomain
	start, end int    // offsets in the scan text
	kw         bool   // a keyword, a misspelt one, or keywords glued together
	frag       bool   // a piece of a domain name (co, jp, com, www …)
	jp         bool   // names Japan or a Japanese domain
	digits     int
}

type scanHit struct {
	tok, form, cost int
	from, to        int    // pieces [from, to)
	pre, post       string // skeleton letters beside a glued token in its piece
}

// scanHost runs the scan over the subdomain sub and the registrable label
// (both as Check shows them, with their skeletons) of a domain under
// suffix.
func (x *LookalikeIndex) scanHost(sub, subSkel, label, labelSkel, suffix string) (Lookalike, bool) {
	ps, text := x.scanPieces(sub, subSkel, label, labelSkel)
	if len(ps) == 0 {
		return Lookalike{}, false
	}
	var hits []scanHit
	var at [320]int16
	var pieceAt []int16
	if len(text) > len(at) {
		pieceAt = make([]int16, len(text))
	} else {
		pieceAt = at[:len(text)]
	}
	for i := range ps {
		for j := ps[i].start; j < ps[i].end; j++ {
			pieceAt[j] = int16(i)
		}
	}
	for _, h := range x.scan.dict.Find(text, "") {
		start, end := h.Start, h.Start+len(h.Term.Text)
		from, to := int(pieceAt[start]), int(pieceAt[end-1])+1
		p := &ps[from]
		switch {
		case to-from == 1 && start == p.start && end == p.end:
			hits = append(hits, scanHit{tok: h.Term.Value, form: formExact, from: from, to: to})
		case to-from == 1:
			pre, post := p.skel[:start-p.start], p.skel[end-p.start:]
			if len(h.Term.Text) < 5 && !(x.wordsOnly(pre) && x.wordsOnly(post)) {
				continue // a short name inside a word (au in pause) weighs nothing
			}
			hits = append(hits, scanHit{tok: h.Term.Value, form: formGlued, from: from, to: to, pre: pre, post: post})
		case start == p.start && end == ps[to-1].end && ps[to-1].label == p.label:
			form := formSplit
			if t := &x.tokens[h.Term.Value]; strings.Contains(t.skel, "-") {
				form = formExact // the token's own hyphens (eki-net)
			}
			hits = append(hits, scanHit{tok: h.Term.Value, form: form, from: from, to: to})
		}
	}
	// A name written across a dot (eki.net, mu.fg): the same text
	// without the dots, hits that start and end on pieces of the
	// subdomain.
	if strings.Contains(sub, ".") {
		undotted := make([]byte, 0, len(text))
		at := make([]int16, 0, len(text))
		for j := 0; j < len(text); j++ {
			if text[j] != '.' {
				undotted = append(undotted, text[j])
				at = append(at, int16(j))
			}
		}
		for _, h := range x.scan.dict.Find(string(undotted), "") {
			start, end := int(at[h.Start]), int(at[h.Start+len(h.Term.Text)-1])+1
			from, to := int(pieceAt[start]), int(pieceAt[end-1])+1
			if ps[from].label == ps[to-1].label || start != ps[from].start || end != ps[to-1].end || !ps[to-1].sub {
				continue
			}
			if t := &x.tokens[h.Term.Value]; strings.Contains(t.skel, "-") {
				hits = append(hits, scanHit{tok: h.Term.Value, form: formExact, from: from, to: to}) // eki.net
			} else if len(t.joined) >= 4 {
				hits = append(hits, scanHit{tok: h.Term.Value, form: formSplit, from: from, to: to}) // mu.fg
			}
		}
	}
	loose := false
	for i := range ps {
		loose = loose || ps[i].jp
	}
	for i := range ps {
		if !ps[i].kw && !ps[i].frag {
			hits = x.fuzzyHits(hits, ps[i].skel, i, i+1, loose)
			if ps[i].unpaired != "" {
				hits = x.fuzzyHits(hits, ps[i].unpaired, i, i+1, loose) // mecrocarci is not mecrocard
			}
		}
		if i+1 < len(ps) && ps[i+1].label == ps[i].label && !ps[i].frag && !ps[i+1].frag {
			hits = x.fuzzyHits(hits, ps[i].skel+ps[i+1].skel, i, i+2, loose)
		}
	}
	if len(hits) == 0 {
		return Lookalike{}, false
	}
	hits = x.shortBeside(ps, hits)
	if len(hits) > maxScanHits {
		hits = hits[:maxScanHits]
	}
	tld := suffix[strings.LastIndexByte(suffix, '.')+1:]
	susTLD := x.suspicious(tld)
	jpOrg := tld == "jp" && suffix != "jp"
	best, bestScore := -1, 0
	for i := range hits {
		s := x.score(ps, hits, i, tld, susTLD, jpOrg)
		if s > bestScore || s == bestScore && best >= 0 && len(x.tokens[hits[i].tok].joined) > len(x.tokens[hits[best].tok].joined) {
			best, bestScore = i, s
		}
	}
	if bestScore < scoreToFire {
		return Lookalike{}, false
	}
	return x.scanLookalike(ps, hits[best], sub, label), true
}

// shortBeside adds, next to a misspelt name of four letters or more, the
// brand's two- or three-letter name misspelt with a letter or two
// inserted (aiu.kdda: au beside kddi): two of a brand's names side by
// side back each other.
func (x *LookalikeIndex) shortBeside(ps []scanPiece, hits []scanHit) []scanHit {
	n := len(hits)
	for _, h := range hits[:n] {
		if h.form != formFuzzy || len(x.tokens[h.tok].joined) < 4 {
			continue
		}
		for _, j := range []int{h.from - 1, h.to} {
			if j < 0 || j >= len(ps) || ps[j].kw || ps[j].frag {
				continue
			}
			for _, ti := range x.scan.short[x.tokens[h.tok].Brand] {
				t := x.tokens[ti].joined
				if d := len(ps[j].skel) - len(t); d >= 1 && d <= 2 && isSubsequence(t, ps[j].skel) {
					hits = append(hits, scanHit{tok: ti, form: formSubseq, cost: d, from: j, to: j + 1})
				}
			}
		}
	}
	return hits
}

// scanPieces splits the host into pieces at dots and hyphens and writes
// their skeletons, shifted, into one text for the dictionary; pieces of
// a label are written together, labels apart.
func (x *LookalikeIndex) scanPieces(sub, subSkel, label, labelSkel string) ([]scanPiece, string) {
	ps := make([]scanPiece, 0, 16)
	text := make([]byte, 0, len(sub)+len(label)+2)
	// The label's skeleton, split alike, gives each piece's without
	// folding it again; when the two do not split alike (a look-alike
	// folded to a hyphen), each piece is folded on its own.
	addLabel := func(l, lsk string, li int, isSub bool) {
		aligned := strings.Count(l, "-")+strings.Count(l, "_") == strings.Count(lsk, "-")
		k := 0
		for rest, skRest := l, lsk; rest != ""; {
			raw, rsk := rest, skRest
			if i := strings.IndexAny(rest, "-_"); i >= 0 {
				raw, rest = rest[:i], rest[i+1:]
				if aligned {
					j := strings.IndexByte(skRest, '-')
					rsk, skRest = skRest[:j], skRest[j+1:]
				}
			} else {
				rest = ""
			}
			if raw == "" {
				continue
			}
			if isSub && len(ps) >= maxScanPieces || k >= maxLabelPieces {
				break
			}
			k++
			sk := rsk
			if !aligned {
				sk = strings.ReplaceAll(Skeleton(raw), "-", "")
			}
			if sk == "" {
				continue
			}
			lower := raw
			for j := 0; j < len(raw); j++ {
				if c := raw[j]; c >= 'A' && c <= 'Z' || c >= 0x80 {
					lower = strings.ToLower(raw)
					break
				}
			}
			p := scanPiece{skel: sk, raw: lower, label: li, sub: isSub, start: len(text)}
			if isASCII(raw) && len(sk) < len(raw) {
				var b strings.Builder
				for j := 0; j < len(p.raw); j++ {
					b.WriteString(asciiFold(p.raw[j]))
				}
				p.unpaired = b.String()
			}
			for i := 0; i < len(sk); i++ {
				text = append(text, shiftByte(sk[i]))
			}
			p.end = len(text)
			ps = append(ps, p)
		}
		text = append(text, '.')
	}
	n := 0
	if sub != "" {
		labels, skels := strings.Split(sub, "."), strings.Split(subSkel, ".")
		for i, l := range labels {
			sk := ""
			if len(skels) == len(labels) {
				sk = skels[i]
			} else {
				sk = Skeleton(l)
			}
			addLabel(l, sk, n, true)
			n++
		}
	}
	addLabel(label, labelSkel, n, false)
	for i := range ps {
		p := &ps[i]
		p.frag = x.fragments[p.skel]
		p.kw = !p.frag && (x.keywords[p.skel] || x.misspeltKeyword(p.skel))
		ok, kw, jp := x.segmentKinds(p.skel)
		if ok && !p.kw && !p.frag {
			p.kw, p.frag = kw, !kw
		}
		p.jp = jpWords[p.skel] || ok && jp
		for j := 0; j < len(p.raw); j++ {
			if c := p.raw[j]; c >= '0' && c <= '9' {
				p.digits++
			}
		}
	}
	// co.jp, co-ip: a Japanese second-level domain written in the host.
	for i := 0; i+1 < len(ps); i++ {
		if jpSecond[ps[i].skel] && (ps[i+1].skel == skelJP || ps[i+1].skel == skelIP) {
			ps[i].jp, ps[i+1].jp = true, true
		}
	}
	return ps, string(text)
}

// segmentKinds reports whether s splits wholly into keywords and
// fragments, and whether some split uses a keyword or the fragment jp.
func (x *LookalikeIndex) segmentKinds(s string) (ok, kw, jp bool) {
	if s == "" || len(s) > 63 {
		return false, false, false
	}
	var reach, withKW, withJP [64]bool
	reach[0] = true
	for i := 0; i < len(s); i++ {
		if !reach[i] {
			continue
		}
		for j := i + 1; j <= len(s) && j-i <= x.maxKW; j++ {
			w := s[i:j]
			isKW := x.keywords[w] && len(w) >= 3
			if !isKW && !(x.fragments[w] && len(w) >= 2) {
				continue
			}
			reach[j] = true
			withKW[j] = withKW[j] || withKW[i] || isKW
			withJP[j] = withJP[j] || withJP[i] || w == skelJP
		}
	}
	n := len(s)
	return reach[n], withKW[n], withJP[n]
}

// wordsOnly reports whether s is empty or made of keywords and domain
// fragments, a two-letter keyword (my, id) included.
func (x *LookalikeIndex) wordsOnly(s string) bool {
	return x.keywords[s] || x.segments(s)
}

// keywordIn reports whether s is or holds a keyword (not only fragments).
func (x *LookalikeIndex) keywordIn(s string) bool {
	if x.keywords[s] {
		return true
	}
	_, kw, _ := x.segmentKinds(s)
	return kw
}

// misspeltKeyword reports a piece one edit from a keyword of five letters
// or more with the same first letter (sercice, accout, loign, logn).
func (x *LookalikeIndex) misspeltKeyword(s string) bool {
	if len(s) < 4 {
		return false
	}
	for _, k := range x.scan.kwFirst[s[0]] {
		if d := len(k) - len(s); d > 1 || d < -1 || len(s) == 4 && d != 1 {
			continue // four letters: only a dropped one (logn, lgin for login)
		}
		if withinOne(s, k) {
			return true
		}
	}
	return false
}

// withinOne reports whether ASCII strings a and b differ by one edit at
// most (an inserted, dropped, changed or swapped letter), in one pass.
func withinOne(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > 1 {
		return false
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	if i == len(b) {
		return true
	}
	if len(a) > len(b) {
		return a[i+1:] == b[i:]
	}
	return a[i+1:] == b[i+1:] || i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// fuzzyEdits is the number of edits a token of n letters may differ by in
// the scan.
func fuzzyEdits(n int) int {
	switch {
	case n >= 13:
		return 3
	case n >= 6:
		return 2
	}
	return 1
}

// ownLetters is the length of token j without a keyword at its start or
// end (tesco of tescomobile, american of americanexpress): where a second
// edit may fall.
func (x *LookalikeIndex) ownLetters(j string) int {
	n := len(j)
	for k := 3; k <= len(j)-3 && k <= x.maxKW; k++ {
		if x.keywords[j[len(j)-k:]] || x.keywords[j[:k]] {
			n = min(n, len(j)-k)
		}
	}
	return n
}

// typoEdits is the number of edits a registrable label may differ from
// token j by and still be its typosquat on its own: two in a name of ten
// letters or more with eight of its own (amerizxanexpress), else one.
func (x *LookalikeIndex) typoEdits(j string) int {
	if len(j) >= 10 && x.ownLetters(j) >= 8 {
		return 2
	}
	return 1
}

// hitText is the skeleton of the pieces a hit covers, written together.
func hitText(ps []scanPiece, h scanHit) string {
	if h.to-h.from == 1 {
		return ps[h.from].skel
	}
	var b strings.Builder
	for _, p := range ps[h.from:h.to] {
		b.WriteString(p.skel)
	}
	return b.String()
}

// sameEnd reports whether a ends with b's last letter, or m for n.
func sameEnd(a, b string) bool {
	x, y := a[len(a)-1], b[len(b)-1]
	return x == y || x == 'm' && y == 'n' || x == 'n' && y == 'm'
}

// keepsEnds reports whether a and b share their first two and last two
// letters.
func keepsEnds(a, b string) bool {
	return len(a) >= 4 && len(b) >= 4 && a[:2] == b[:2] && a[len(a)-2:] == b[len(b)-2:]
}

// fuzzyHits adds the tokens that s (the skeleton of pieces [from, to))
// spells with a few edits, or holds with letters inserted. Only tokens
// with s's first letter are compared (typosquats keep the start the
// reader recognises), after a letter-set filter.
func (x *LookalikeIndex) fuzzyHits(hits []scanHit, s string, from, to int, loose bool) []scanHit {
	if len(s) < 4 || len(s) > 63 || !isASCII(s) || x.byJoined[s] {
		return hits // a token written out is no misspelling of another
	}
	c := s[0]
	if c < 'a' || c > 'z' {
		return hits
	}
	m := letterMask(s)
	ls := len(s)
	// Lengths that can match: a few edits either way, or down to half
	// of s for letters inserted (see below).
	for lt := max(4, ls/2); lt <= min(63, ls+3); lt++ {
		for _, ti32 := range x.scan.byFirstLen[c-'a'][lt] {
			hits = x.fuzzyHit(hits, s, m, int(ti32), from, to, loose)
		}
	}
	return hits
}

// fuzzyHit compares s (letters m) with token ti for fuzzyHits.
func (x *LookalikeIndex) fuzzyHit(hits []scanHit, s string, m uint32, ti, from, to int, loose bool) []scanHit {
	t := &x.tokens[ti]
	lt, ls := len(t.joined), len(s)
	if t.joined == s {
		return hits
	}
	tm := x.scan.masks[ti]
	k := fuzzyEdits(lt)
	if d := ls - lt; d >= -k && d <= k {
		// Each letter of one missing from the other costs an edit.
		if bits.OnesCount32(tm&^m) > k || bits.OnesCount32(m&^tm) > k {
			return hits
		}
		if e := osa(s, t.joined, k); e >= 1 && e <= k {
			hits = append(hits, scanHit{tok: ti, form: formFuzzy, cost: e, from: from, to: to})
		}
		return hits
	}
	// Letters inserted between the token's (mer[c]c[e]ari): at most half
	// as many again (as many again when loose: the host names Japan),
	// ending on the token's last letter.
	if lt >= 5 && ls > lt && (ls-lt <= (lt+1)/2 || loose && ls-lt <= lt) && tm&^m == 0 && s[ls-1] == t.joined[lt-1] && isSubsequence(t.joined, s) {
		hits = append(hits, scanHit{tok: ti, form: formSubseq, cost: ls - lt, from: from, to: to})
	}
	return hits
}

// osa is editDistance for ASCII strings of 63 bytes at most, without
// allocating, or k+1 as soon as it must exceed k.
func osa(a, b string, k int) int {
	if len(a) > 63 || len(b) > 63 {
		return k + 1
	}
	var ra, rb [63]rune
	for i := 0; i < len(a); i++ {
		ra[i] = rune(a[i])
	}
	for i := 0; i < len(b); i++ {
		rb[i] = rune(b[i])
	}
	return editDistance(ra[:len(a)], rb[:len(b)], k)
}

// isSubsequence reports whether the letters of a occur in b in order.
func isSubsequence(a, b string) bool {
	i := 0
	for j := 0; j < len(b) && i < len(a); j++ {
		if a[i] == b[j] {
			i++
		}
	}
	return i == len(a)
}

// score weighs hit i: how close and how long the token is, then the
// evidence around it (see the comment at the top of the file). A hit
// fires at scoreToFire.
func (x *LookalikeIndex) score(ps []scanPiece, hits []scanHit, i int, tld string, susTLD, jpOrg bool) int {
	h := hits[i]
	t := &x.tokens[h.tok]
	lt := len(t.joined)
	p := &ps[h.from]
	inSub := p.sub
	whole := !inSub && (h.from == 0 || ps[h.from-1].sub) && h.to == len(ps)
	if whole && (h.form == formExact || h.form == formSplit) {
		return 0 // the name under another suffix is registrableLabel's to judge
	}
	if x.scan.thin[h.tok] && (h.form == formFuzzy || h.form == formSubseq || h.form == formGlued && h.pre != "" && !x.segments(h.pre)) {
		return 0 // ymobile after ivy, dccard for dcard: the brand's own letters are too few
	}
	// The evidence around the hit, outside its own pieces.
	var jp, kw, digits, short, restFrag bool
	restClean := true
	for j := range ps {
		if j >= h.from && j < h.to {
			continue
		}
		o := &ps[j]
		if inSub || o.label == p.label {
			// A registrable label's evidence is its own: jp. and login.
			// before honest domains are common (jp.example.com).
			jp = jp || o.jp
			kw = kw || o.kw
		}
		if o.label == p.label {
			digits = digits || o.digits >= 3
			// A short word, or letters without a vowel, beside a Japanese
			// brand in its registrable label (nttdocomo-lu, sagawa-gf,
			// saison-nfhr).
			short = short || !o.kw && !o.frag && o.digits == 0 && (len(o.raw) <= 3 || len(o.raw) <= 6 && !hasVowel(o.raw))
			restClean = restClean && (o.kw || o.frag)
			restFrag = restFrag || o.frag
		}
	}
	restFrag = restFrag && restClean
	if h.form == formGlued {
		jp = jp || strings.Contains(h.pre, skelJP) || strings.Contains(h.post, skelJP)
		digits = digits || countDigits(p.raw) >= 3
	}
	// Another of the brand's names elsewhere in the host (jp.au.kdda);
	// side by side in the subdomain it counts double (au.kidi).
	corroborated, beside := false, false
	for j, o := range hits {
		if j != i && x.tokens[o.tok].Brand == t.Brand && (o.to <= h.from || o.from >= h.to) && x.telling(o) {
			corroborated = true
			beside = beside || inSub && ps[o.from].sub && (o.to == h.from || o.from == h.to)
		}
	}
	if h.form == formSubseq && h.cost > (lt+1)/2 && !jp {
		return 0 // many letters inserted: only beside Japan (jp.mxeyrcoaxri)
	}
	evidence := 0
	for _, b := range []bool{jp, kw, digits, susTLD, corroborated, beside} {
		if b {
			evidence++
		}
	}
	close := h.form == formFuzzy && (h.cost == 1 && lt >= 5 || h.cost == 2 && lt >= 7 || h.cost == 3 && lt >= 13) ||
		h.form == formSubseq && lt >= 6
	if !inSub && jpOrg {
		// co.jp, ne.jp, or.jp …: registered by Japanese organisations
		// only, most often the brand's own group (docomo-cs.co.jp).
		return 0
	}
	if !inSub {
		switch h.form {
		case formSplit:
			if lt >= 5 {
				return scoreToFire // am-azon: the name itself broken by hyphens
			}
			return 0
		case formFuzzy, formSubseq:
			// Real words and other brands lie a letter or two from many
			// tokens (trust, salon, mitsubishi): in the registrable label
			// a misspelling counts only beside a Japanese domain or
			// country word, or with nothing but domain pieces and
			// keywords beside it (rakuteo-co-ip).
			if close && (jp || restFrag) || jp && h.form == formFuzzy && h.cost == 2 && lt == 6 && sameEnd(hitText(ps, h), t.joined) {
				return scoreToFire
			}
			return 0
		case formExact:
			s := 0
			switch {
			case lt >= 4:
				s = 2 // the brand beside any word: apple-detect, amazon-tokyo
			case lt == 3:
				s = 1
			}
			if s == 0 {
				return 0
			}
			if short && t.Local && lt >= 5 {
				evidence++
			}
			return s + evidence
		default: // glued
			rest := x.segments(h.pre) && x.segments(h.post)
			s := 0
			switch {
			case rest && lt >= 3, !rest && lt >= 5:
				s = 1
			}
			if s == 0 {
				return 0
			}
			if jp && !rest {
				evidence++ // amazonsuz-jp: Japan written beside it weighs more than a TLD
			}
			if !rest && t.Local && lt >= 6 && h.post == "" && len(h.pre) <= 3 && (len(tld) > 2 || tld == "jp" || susTLD) {
				// A few letters before a Japanese brand, under a generic
				// or Japanese top-level domain: ckodocomo.com, miudocomo.com.
				evidence += 2
			}
			return s + evidence
		}
	}
	// In the subdomain of a domain that is not the brand's.
	s := 0
	switch h.form {
	case formExact, formSplit:
		switch {
		case lt >= 4:
			s = 3
		case lt == 3:
			s = 2
		default:
			s = 1
		}
		if lt == 2 {
			// au counts beside a login word or Japan in its own label,
			// or written as a domain (au.net.…).
			for _, j := range []int{h.from - 1, h.to} {
				if j >= 0 && j < len(ps) && (ps[j].label == p.label && (ps[j].kw || ps[j].jp) || j == h.to && ps[j].frag && ps[j].label != p.label) {
					s++
					break
				}
			}
		}
	case formGlued:
		rest := x.wordsOnly(h.pre) && x.wordsOnly(h.post)
		switch {
		case rest && lt >= 4:
			s = 3
		case rest && lt == 3, !rest && lt >= 5:
			s = 2
		case rest:
			s = 1
		}
		if rest && (x.keywordIn(h.pre) || x.keywordIn(h.post)) {
			s++ // myjcb, aupay: the keyword glued on is evidence too
		}
	case formFuzzy:
		switch {
		case h.cost == 1 && lt >= 6:
			s = 3
		case h.cost == 1 && lt == 5, h.cost == 2 && lt >= 7, h.cost == 3 && lt >= 13:
			s = 2
		case h.cost == 1 && lt == 4, h.cost == 2 && lt == 6:
			s = 1
		}
		if w := hitText(ps, h); s > 0 && s < 3 && lt >= 6 && susTLD && sameEnd(w, t.joined) && w[:2] == t.joined[:2] {
			// A long name misspelt twice in the subdomain of a domain
			// under a top-level domain common in phishing: its first two
			// letters and its last kept, or one that looks like it
			// (amaozom.….cn; linked is a word, not linkedin).
			s++
		}
	case formSubseq:
		switch {
		case lt >= 7:
			s = 2
		default:
			s = 1
		}
	}
	if s == 0 {
		return 0
	}
	return s + evidence
}

// telling reports whether a hit is clear enough to back another of its
// brand's: a name written out (au, kddi), or one glued to keywords, or a
// misspelling of a name of four letters or more; not two letters inside a
// word (me in lockergnome).
func (x *LookalikeIndex) telling(h scanHit) bool {
	lt := len(x.tokens[h.tok].joined)
	switch h.form {
	case formExact, formSplit:
		return true
	case formGlued:
		return lt >= 5 || lt >= 3 && x.segments(h.pre) && x.segments(h.post)
	case formSubseq:
		return true // lt >= 5, or a short name beside another (shortBeside)
	}
	return lt >= 4
}

func hasVowel(s string) bool {
	return strings.ContainsAny(s, "aeiouy")
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// scanLookalike describes the winning hit.
func (x *LookalikeIndex) scanLookalike(ps []scanPiece, h scanHit, sub, label string) Lookalike {
	t := &x.tokens[h.tok]
	var raws []string
	for _, p := range ps[h.from:h.to] {
		raws = append(raws, p.raw)
	}
	written := strings.Join(raws, "-")
	l := Lookalike{Brand: t.Brand, Token: t.Token, Legit: t.Legit}
	if ps[h.from].sub {
		l.Kind, l.Found = BrandInSubdomain, sub
		switch h.form {
		case formExact:
			l.Method = MethodToken
		case formSplit:
			l.Method = MethodHyphenation
		case formGlued:
			l.Method = MethodKeyword
		default:
			l.Method = MethodTypo
		}
		l.Marked = markSub(sub, written, t.Token, l.Method)
		return l
	}
	l.Found = label
	switch h.form {
	case formExact, formGlued:
		// The brand beside other words: the words as written.
		l.Kind, l.Method, l.Weak = BrandKeyword, MethodKeyword, true
		for _, p := range ps {
			if !p.sub && (p.label != ps[h.from].label || p.start < ps[h.from].start || p.start >= ps[h.to-1].end) && !p.frag {
				l.Keywords = append(l.Keywords, p.raw)
			}
		}
		if h.form == formGlued {
			p := ps[h.from]
			if len(p.raw) == len(p.skel) { // no letter pair folded: same offsets
				pre, post := p.raw[:len(h.pre)], p.raw[len(p.raw)-len(h.post):]
				for _, w := range []string{pre, post} {
					if w != "" {
						l.Keywords = append(l.Keywords, w)
					}
				}
			} else {
				l.Keywords = append(l.Keywords, p.raw)
			}
		}
		if len(l.Keywords) == 0 {
			l.Keywords = []string{label}
		}
		l.Marked = label
	case formSplit:
		l.Kind, l.Method, l.Marked = LookalikeDomain, MethodHyphenation, label
	default:
		l.Kind, l.Method, l.Marked = LookalikeDomain, MethodTypo, markDiff(strings.ReplaceAll(written, "-", ""), t.Token)
	}
	return l
}
