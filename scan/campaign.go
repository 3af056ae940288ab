package scan

import (
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/mekiki/mekiki/kb"
)

// Campaign is a group of flagged messages that share an indicator: a link
// domain, a landing-path pattern, an originating IP, a Return-Path
// domain, or near-identical text.
type Campaign struct {
	Size       int        `json:"size"`
	First      string     `json:"first,omitempty"` // RFC 3339
	Last       string     `json:"last,omitempty"`
	Recipients []string   `json:"recipients"`
	Brands     []string   `json:"brands"`
	Subjects   []string   `json:"subjects"`
	Shared     []string   `json:"shared_indicators"` // "link domain evil.example", "origin IP 203.0.113.5" …
	Messages   []Location `json:"messages"`
}

// member is what grouping keeps of one flagged message: a few hundred
// bytes, not the message.
type member struct {
	loc     Location
	date    time.Time
	subject string
	to      []string
	brands  []string
	keys    []string
	sim     uint64
}

// Campaigns collects flagged messages and groups them.
type Campaigns struct {
	k       *kb.KB
	members []member
	// clean counts the indicators of clean messages: what legitimate
	// mail shares too is infrastructure, not a campaign.
	clean map[string]bool
	// strs interns the strings members repeat (indicators, subjects,
	// recipients, brands), so that a campaign's thousand copies keep one.
	strs map[string]string
	// Max bounds the messages kept for grouping (default 200,000).
	Max int
}

// NewCampaigns returns an empty collector that uses k to leave shared
// infrastructure (brands' own domains, free mail, mail services) out of
// the indicators.
func NewCampaigns(k *kb.KB) *Campaigns {
	return &Campaigns{k: k, Max: 200000, clean: map[string]bool{}, strs: map[string]string{}}
}

func (c *Campaigns) intern(s string) string {
	if v, ok := c.strs[s]; ok {
		return v
	}
	if len(c.strs) < 4*maxKeys {
		c.strs[s] = s
	}
	return s
}

func (c *Campaigns) internAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = c.intern(x)
	}
	return out
}

// digitsRun and hexRun turn a URL path into a pattern: ids and tokens
// vary between the messages of one campaign, the shape does not.
var (
	digitsRun = regexp.MustCompile(`[0-9]+`)
	hexRun    = regexp.MustCompile(`[0-9a-fA-F#]{12,}|[A-Za-z0-9_-]{24,}`)
)

// Add keeps a flagged result (phishing or suspicious); of a clean one it
// keeps only its indicators, which then join no campaign.
func (c *Campaigns) Add(r Result) {
	if r.Report == nil {
		return
	}
	rep := r.Report
	keys := c.indicators(r)
	if rep.Verdict == "clean" {
		for _, k := range keys {
			if len(c.clean) < maxKeys {
				c.clean[k] = true
			}
		}
		return
	}
	if len(c.members) >= c.Max {
		return
	}
	m := member{loc: r.Loc, subject: c.intern(rep.Message.Subject), to: c.internAll(rep.Message.To),
		brands: c.internAll(rep.Brands), sim: r.SimHash, keys: c.internAll(keys)}
	m.loc.Path = c.intern(m.loc.Path)
	if t, err := time.Parse(time.RFC3339, rep.Message.Date); err == nil {
		m.date = t
	}
	c.members = append(c.members, m)
}

// indicators lists what a message could share with others of its
// campaign, leaving out shared infrastructure and mailing lists.
func (c *Campaigns) indicators(r Result) []string {
	rep := r.Report
	var keys []string
	seen := map[string]bool{}
	key := func(k string) {
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	list := func(org string) bool { return slices.Contains(r.ListDomains, org) }
	for _, l := range rep.Links {
		if l.Registrable == "" || c.shared(l.Domain) || list(l.Registrable) {
			continue
		}
		key("link domain " + l.Registrable)
		if u, err := url.Parse(l.Href); err == nil {
			p := strings.TrimRight(u.EscapedPath(), "/")
			if strings.Count(p, "/") >= 2 || len(p) >= 12 {
				key("landing path " + hexRun.ReplaceAllString(digitsRun.ReplaceAllString(p, "#"), "*"))
			}
		}
	}
	if ip := rep.Message.Origin.IP; ip != "" && len(r.ListDomains) == 0 {
		key("origin IP " + ip)
	}
	if rp := orgOf(rep.Message.ReturnPath); rp != "" && !c.shared(rp) && !list(rp) {
		key("Return-Path domain " + rp)
	}
	return keys
}

// shared reports infrastructure many unrelated senders use.
func (c *Campaigns) shared(host string) bool {
	return len(c.k.BrandsOfDomain(host)) > 0 || c.k.IsFreemail(host) || c.k.IsESP(host) || c.k.IsClickTracker(host) ||
		c.k.Shortener(host) != "" || c.k.FreeHosting(host) != "" || c.k.IsPlatform(host)
}

// Groups returns the campaigns of two or more messages, largest first.
func (c *Campaigns) Groups() []Campaign {
	parent := make([]int, len(c.members))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) { parent[find(a)] = find(b) }
	byKey := map[string]int{}
	for i, m := range c.members {
		for _, k := range m.keys {
			if c.clean[k] {
				continue
			}
			if j, ok := byKey[k]; ok {
				union(i, j)
			} else {
				byKey[k] = i
			}
		}
	}
	// Near-identical text: fingerprints within 6 bits share at least one
	// of 8 byte-bands exactly (pigeonhole), so only those are compared.
	for band := range 8 {
		buckets := map[byte][]int{}
		for i, m := range c.members {
			if m.sim != 0 {
				b := byte(m.sim >> (8 * band))
				buckets[b] = append(buckets[b], i)
			}
		}
		for _, is := range buckets {
			if len(is) > 2000 {
				continue // a degenerate bucket; the other bands still catch pairs
			}
			for x := 0; x < len(is); x++ {
				for y := x + 1; y < len(is); y++ {
					if SimilarText(c.members[is[x]].sim, c.members[is[y]].sim) {
						union(is[x], is[y])
					}
				}
			}
		}
	}
	groups := map[int][]int{}
	for i := range c.members {
		groups[find(i)] = append(groups[find(i)], i)
	}
	var out []Campaign
	for _, is := range groups {
		if len(is) < 2 {
			continue
		}
		out = append(out, c.campaign(is))
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Size != out[j].Size {
			return out[i].Size > out[j].Size
		}
		return out[i].Messages[0].String() < out[j].Messages[0].String()
	})
	return out
}

func (c *Campaigns) campaign(is []int) Campaign {
	camp := Campaign{Size: len(is), Recipients: []string{}, Brands: []string{}, Subjects: []string{}, Shared: []string{}}
	keyCount := map[string]int{}
	seen := map[string]bool{}
	var first, last time.Time
	textDup := 0
	for _, i := range is {
		m := c.members[i]
		camp.Messages = append(camp.Messages, m.loc)
		if !m.date.IsZero() {
			if first.IsZero() || m.date.Before(first) {
				first = m.date
			}
			if m.date.After(last) {
				last = m.date
			}
		}
		for _, r := range m.to {
			if !seen["to "+r] {
				seen["to "+r] = true
				camp.Recipients = append(camp.Recipients, r)
			}
		}
		for _, b := range m.brands {
			if !seen["brand "+b] {
				seen["brand "+b] = true
				camp.Brands = append(camp.Brands, b)
			}
		}
		if !seen["subject "+m.subject] && len(camp.Subjects) < 5 {
			seen["subject "+m.subject] = true
			camp.Subjects = append(camp.Subjects, m.subject)
		}
		for _, k := range m.keys {
			if !c.clean[k] {
				keyCount[k]++
			}
		}
		if m.sim != 0 {
			textDup++
		}
	}
	for k, n := range keyCount {
		if n >= 2 {
			camp.Shared = append(camp.Shared, fmt.Sprintf("%s (%d)", k, n))
		}
	}
	sort.Strings(camp.Shared)
	if len(camp.Shared) == 0 && textDup >= 2 {
		camp.Shared = append(camp.Shared, "near-identical text")
	}
	sort.Strings(camp.Recipients)
	sort.Slice(camp.Messages, func(a, b int) bool { return camp.Messages[a].String() < camp.Messages[b].String() })
	if !first.IsZero() {
		camp.First, camp.Last = first.Format(time.RFC3339), last.Format(time.RFC3339)
	}
	return camp
}

// WriteCampaigns prints the campaigns for people, in English.
func WriteCampaigns(w io.Writer, cs []Campaign) { WriteCampaignsIn(w, cs, "en") }

// WriteCampaignsIn prints the campaigns for people in lang ("ja" or "en").
func WriteCampaignsIn(w io.Writer, cs []Campaign, lang string) {
	wd := wordsFor(lang)
	fmt.Fprintf(w, "\n"+wd.campaigns+"\n", len(cs))
	for i, c := range cs {
		span := ""
		if c.First != "" {
			span = fmt.Sprintf(", %s – %s", c.First, c.Last)
		}
		fmt.Fprintf(w, "\n"+wd.campaign+"\n", i+1, c.Size, span)
		if len(c.Brands) > 0 {
			fmt.Fprintf(w, "  %s%s\n", wd.brands, strings.Join(brandNames(c.Brands, lang), ", "))
		}
		fmt.Fprintf(w, "  %s%s\n", wd.recipients, strings.Join(first(c.Recipients, 10), ", "))
		shared := make([]string, len(c.Shared))
		for i, s := range c.Shared {
			shared[i] = wd.translateShared(s)
		}
		fmt.Fprintf(w, "  %s%s\n", wd.shared, strings.Join(shared, "; "))
		for _, s := range c.Subjects {
			fmt.Fprintf(w, "  %s%s\n", wd.subject, s)
		}
		for _, l := range first(c.Messages, 10) {
			fmt.Fprintf(w, "  - %s\n", l)
		}
		if len(c.Messages) > 10 {
			fmt.Fprintf(w, "  "+wd.more+"\n", len(c.Messages)-10)
		}
	}
}

func first[T any](xs []T, n int) []T { return xs[:min(n, len(xs))] }
