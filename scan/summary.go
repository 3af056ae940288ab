package scan

import (
	"fmt"
	"io"
	"net"
	"sort"
	"strings"

	"github.com/mekiki/mekiki/domain"
)

// maxKeys bounds each tally so a huge mailbox keeps a bounded summary.
const maxKeys = 100000

// Summary sums up a scan as results arrive.
type Summary struct {
	Messages int            `json:"messages"`
	Bytes    int64          `json:"bytes"`
	Errors   int            `json:"errors"`
	Verdicts map[string]int `json:"verdicts"`
	Findings tally          `json:"top_findings"`
	Brands   tally          `json:"top_brands"`
	Domains  tally          `json:"top_link_domains"`
	Networks tally          `json:"top_origin_networks"`
}

type tally map[string]int

func (t tally) add(k string) {
	if _, ok := t[k]; ok || len(t) < maxKeys {
		t[k]++
	}
}

// NewSummary returns an empty summary.
func NewSummary() *Summary {
	return &Summary{Verdicts: map[string]int{}, Findings: tally{}, Brands: tally{}, Domains: tally{}, Networks: tally{}}
}

// Add counts one result. Link domains and origin networks are counted
// for flagged messages only: in clean mail they say nothing.
func (s *Summary) Add(r Result) {
	s.Messages++
	s.Bytes += int64(r.Size)
	if r.Report == nil {
		s.Errors++
		return
	}
	rep := r.Report
	s.Verdicts[rep.Verdict]++
	if rep.Verdict == "clean" {
		return
	}
	seen := map[string]bool{}
	for _, f := range rep.Findings {
		if f.Severity != "info" && !seen[string(f.ID)] {
			seen[string(f.ID)] = true
			s.Findings.add(string(f.ID))
		}
	}
	for _, b := range rep.Brands {
		s.Brands.add(b)
	}
	doms := map[string]bool{}
	for _, l := range rep.Links {
		if l.Registrable != "" && !doms[l.Registrable] {
			doms[l.Registrable] = true
			s.Domains.add(l.Registrable)
		}
	}
	if n := network(rep.Message.Origin.IP); n != "" {
		s.Networks.add(n)
	}
}

// network is the /24 (IPv4) or /48 (IPv6) of an address.
func network(ip string) string {
	a := net.ParseIP(ip)
	switch {
	case a == nil:
		return ""
	case a.To4() != nil:
		return (&net.IPNet{IP: a.To4().Mask(net.CIDRMask(24, 32)), Mask: net.CIDRMask(24, 32)}).String()
	}
	return (&net.IPNet{IP: a.Mask(net.CIDRMask(48, 128)), Mask: net.CIDRMask(48, 128)}).String()
}

// top returns the n largest entries, largest first, ties by name.
func (t tally) top(n int) []string {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if t[keys[i]] != t[keys[j]] {
			return t[keys[i]] > t[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys[:min(n, len(keys))]
}

// WriteText prints the summary table in English.
func (s *Summary) WriteText(w io.Writer) { s.WriteTextIn(w, "en") }

// WriteTextIn prints the summary table in lang ("ja" or "en").
func (s *Summary) WriteTextIn(w io.Writer, lang string) {
	wd := wordsFor(lang)
	fmt.Fprintf(w, "\n"+wd.summary+"\n",
		s.Messages, float64(s.Bytes)/1e6, s.Errors, s.Verdicts["phishing"], s.Verdicts["suspicious"], s.Verdicts["clean"])
	for _, sec := range []struct {
		title string
		t     tally
	}{{wd.topFindings, s.Findings}, {wd.topBrands, s.Brands},
		{wd.topDomains, s.Domains}, {wd.top, s.Networks}} {
		if len(sec.t) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", sec.title)
		for _, k := range sec.t.top(10) {
			name := k
			if sec.title == wd.topBrands {
				name = brandName(k, lang)
			}
			fmt.Fprintf(w, "  %6d  %s\n", sec.t[k], name)
		}
	}
}

// orgOf is the registrable domain of an address or host, "" if none.
func orgOf(s string) string {
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	return domain.Registrable(strings.Trim(s, "<> "))
}
