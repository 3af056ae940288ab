package mekiki

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/mekiki/mekiki/attach"
	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/mail"
)

// Attachment is one attached file as the report shows it: what the mail
// said it was, what its bytes say, what is inside, and the findings it
// raised. It is an addition to the report contract.
type Attachment struct {
	Name     string         `json:"name"`
	Type     string         `json:"type"`      // declared MIME type
	RealType string         `json:"real_type"` // MIME type by magic bytes
	Kind     string         `json:"kind"`      // executable, script, archive, office, pdf, html, image …
	Size     int            `json:"size"`
	SHA256   string         `json:"sha256"`
	Entries  []attach.Entry `json:"entries,omitempty"` // archive listing
	Links    []attach.Link  `json:"links,omitempty"`   // URLs inside (HTML, PDF, QR code, shortcut)
	Notices  []string       `json:"notices,omitempty"` // limits hit, parts not read
	Findings []string       `json:"findings,omitempty"`
}

// inspectAttachments looks into every attachment in memory and returns
// what each turned out to be, and the message with the links found inside
// attachments added (source "attachment", "qr", "pdf" or "shortcut") so
// that the link checks judge them too. m itself is not changed.
func (a *Analyzer) inspectAttachments(ctx context.Context, m *mail.Message) ([]attach.Info, *mail.Message) {
	if len(m.Attachments) == 0 {
		return nil, m
	}
	infos := make([]attach.Info, len(m.Attachments))
	var extra []mail.Link
	dropped := 0
	x := attach.NewInspector(ctx, a.kb, a.opts.AttachLimits)
	for i, att := range m.Attachments {
		infos[i] = x.Inspect(att.Name, att.ContentType, att.Data)
		dropped += infos[i].LinksDropped
		for _, l := range infos[i].Links {
			if l.Source == "qr" && !looksLikeURL(l.URL) {
				continue
			}
			src := l.Source
			if src == "html" {
				src = "attachment"
			}
			extra = append(extra, mail.Link{Href: l.URL, Text: l.Text, Texts: l.Texts, Source: src, Part: att.Part})
		}
	}
	if len(extra) == 0 && dropped == 0 {
		return infos, m
	}
	mm := *m
	mm.Links = slices.Clone(m.Links)
	// The links of the attachments share the message's budget of links.
	max := a.opts.Limits.WithDefaults().MaxLinks
	// A URL both in the body and in an attachment (or in two) is one
	// link, with every text it is shown under.
	seen := make(map[string]int, len(mm.Links))
	for i, l := range mm.Links {
		seen[l.Href] = i
	}
	for _, l := range extra {
		i, ok := seen[l.Href]
		switch {
		case ok:
			mm.Links[i].Texts = slices.Clip(mm.Links[i].Texts) // m's own stay as they are
			mm.Links[i].Merge(l)
		case len(mm.Links) >= max:
			dropped++
		default:
			seen[l.Href] = len(mm.Links)
			mm.Links = append(mm.Links, l)
		}
	}
	if dropped > 0 {
		if mm.LinksDropped == 0 {
			mm.Notices = append(slices.Clone(m.Notices), mail.Notice{Kind: "links",
				Detail: fmt.Sprintf("more than %d distinct links with those in attachments; %d more were not analysed", max, dropped)})
		}
		mm.LinksDropped += dropped
	}
	return infos, &mm
}

// looksLikeURL accepts QR texts that a phone would open as a web page.
func looksLikeURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.")
}

// attachments builds the report's attachment list.
func attachments(m *mail.Message, infos []attach.Info, findings []check.Finding) []Attachment {
	out := []Attachment{}
	byName := map[string][]string{}
	for _, f := range findings {
		if finding.MustLookup(f.ID).Family != "attachment" {
			continue
		}
		if n, ok := f.Evidence["name"].(string); ok && !slices.Contains(byName[n], string(f.ID)) {
			byName[n] = append(byName[n], string(f.ID))
		}
	}
	for i, att := range m.Attachments {
		r := Attachment{Name: att.Name, Type: att.ContentType, Size: att.Size, SHA256: att.SHA256, Findings: byName[att.Name]}
		if i < len(infos) {
			r.RealType, r.Kind, r.Entries, r.Links, r.Notices = infos[i].Type, infos[i].Kind, infos[i].Entries, infos[i].Links, infos[i].Notices
		}
		out = append(out, r)
	}
	return out
}
