package check

import (
	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/mail"
)

// LinkView is one distinct link of the message, read like a browser once
// in Prepare and shared by the link checks, the feed look-ups and the
// report.
type LinkView struct {
	mail.Link
	URL     domain.URL
	Wrapped *domain.Unwrapped // the destination inside a rewriter or redirect; nil when not wrapped
}

// Dest is where the link really leads: the innermost unwrapped URL.
func (v *LinkView) Dest() domain.URL {
	if v.Wrapped != nil {
		return v.Wrapped.Target
	}
	return v.URL
}

// IsImage reports an image the message loads rather than a link the
// reader clicks: its host is judged, its (absent) text and lure are not.
func (v *LinkView) IsImage() bool { return v.Source == mail.ImageSource }

// AllTexts lists every distinct text shown over the link, the first one
// first; each is compared with where the link goes.
func (v *LinkView) AllTexts() []string {
	if v.Text == "" {
		return nil
	}
	return append([]string{v.Text}, v.Texts...)
}

// judged lists the URLs whose hosts are judged: the destination, and a
// redirecting wrapper too (a gateway's own host is the recipient's).
func (v *LinkView) judged() []domain.URL {
	if v.Wrapped == nil {
		return []domain.URL{v.URL}
	}
	if v.Wrapped.Kind == domain.WrapGateway {
		return []domain.URL{v.Wrapped.Target}
	}
	return []domain.URL{v.Wrapped.Target, v.URL}
}

// linkViews parses each distinct link and image of m once; links without
// a host (mailto:, tel:) are left out.
func linkViews(m *mail.Message) []*LinkView {
	var out []*LinkView
	seen := map[string]bool{}
	for _, l := range m.Links {
		if seen[l.Href] {
			continue
		}
		seen[l.Href] = true
		u, ok := domain.ParseURL(l.Href)
		if !ok {
			continue
		}
		v := &LinkView{Link: l, URL: u}
		if w, ok := domain.Unwrap(u); ok {
			v.Wrapped = &w
		}
		out = append(out, v)
	}
	return out
}
