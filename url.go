package mekiki

import (
	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/mail"
)

// AnalyzeURL judges one bare URL with the link checks that need no
// message around it (lookalikes, hosting, TLD, IP and CMS tricks, feeds):
// what `mekiki url` prints and what the URL-list evaluation measures. It
// never fetches the URL.
func (a *Analyzer) AnalyzeURL(raw string) []check.Finding {
	m := &mail.Message{Links: []mail.Link{{Href: raw, Source: "text"}}}
	in := check.Prepare(m, a.kb, check.Options{})
	if a.opts.Feeds != nil {
		in.Feeds = feedHits(in.Links, a.opts.Feeds)
	}
	out := check.RunLinkChecks(in)
	if out == nil {
		out = []check.Finding{}
	}
	return out
}
