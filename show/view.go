// Package show builds the decoded view of one mail that an analyst reads
// instead of decoding base64 by hand: every header decoded, the MIME
// parts with their text, the HTML's visible and hidden text, the links
// with where they really lead, the attachments with their real type and
// SHA-256, and what the parser had to repair. It shows what the parser
// gives; it judges nothing.
//
// Mail is hostile: what a View holds is bounded (text per part, headers,
// links), every cut is said, and the renderers never write a control
// character raw.
package show

import (
	"fmt"
	"time"

	"github.com/mekiki/mekiki/attach"
	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/internal/clip"
	"github.com/mekiki/mekiki/mail"
)

// Bounds on what a View holds, whatever the mail holds, so that its JSON
// and text stay small enough to read and to store.
const (
	MaxHeaders     = 500       // header fields shown
	MaxHeaderValue = 2 << 10   // bytes of one header value
	MaxHeaderBytes = 256 << 10 // bytes of all header values
	MaxPartText    = 256 << 10 // bytes of one part's text (and of its hidden text)
	MaxText        = 1 << 20   // bytes of all parts' text together (View.Text has MaxPartText)
	MaxLinks       = 2000      // links shown, of the body and the attachments together
	MaxURL         = 1 << 10   // bytes of an href or a destination
	MaxLinkText    = 256       // bytes of a link's text
	MaxName        = 1 << 10   // bytes of a name, a subject, a type
	MaxEntries     = 200       // archive entries shown, all attachments together
	MaxNotices     = 200       // parser notices shown
	MaxAddresses   = 200       // addresses shown of To, of Cc, of Reply-To
)

// View is the decoded mail. Its JSON form is what `mekiki show --format
// json` prints.
type View struct {
	Subject string `json:"subject"`
	// SubjectHidden are the invisible characters the parser removed from
	// the subject ("U+202E"); the Subject header keeps them, made visible.
	SubjectHidden []string  `json:"subject_hidden_characters,omitempty"`
	From          Address   `json:"from"`
	To            []Address `json:"to"`
	Cc            []Address `json:"cc,omitempty"`
	ReplyTo       []Address `json:"reply_to,omitempty"`
	Date          string    `json:"date,omitempty"` // RFC 3339; empty when missing or unreadable
	// Headers are every top-level field in order, decoded.
	Headers []Header `json:"headers"`
	// HeadersOmitted counts the fields past MaxHeaders or MaxHeaderBytes.
	HeadersOmitted int    `json:"headers_omitted,omitempty"`
	Parts          []Part `json:"parts"`
	// Text is the message's decoded text as a reader of its text reads
	// it: its text/plain parts, or, when it has none, the visible text of
	// its HTML parts.
	Text string `json:"text"`
	// TextOmitted counts the bytes of Text past MaxPartText.
	TextOmitted int `json:"text_omitted_bytes,omitempty"`
	// HiddenWhy is how the first hidden text was hidden ("display:none").
	HiddenWhy string `json:"hidden_why,omitempty"`
	Links     []Link `json:"links"`
	// LinksOmitted counts the links not shown: past MaxLinks here, or
	// past the parser's own limit of links.
	LinksOmitted int          `json:"links_omitted,omitempty"`
	Attachments  []Attachment `json:"attachments"`
	// Notices are what the parser repaired, could not decode, or cut.
	Notices        []mail.Notice `json:"notices"`
	NoticesOmitted int           `json:"notices_omitted,omitempty"`
	Size           int           `json:"size"` // bytes of the message read
}

// Address is a decoded mailbox.
type Address struct {
	Name    string `json:"name"`
	Address string `json:"address"`
	// Hidden are the invisible characters removed from the name.
	Hidden []string `json:"hidden_characters,omitempty"`
}

// Header is one header field with its value decoded (encoded-words,
// raw 8-bit bytes).
type Header struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	// Cut is set when Value was longer than MaxHeaderValue.
	Cut bool `json:"cut,omitempty"`
}

// Part is one leaf of the MIME tree.
type Part struct {
	Index   int    `json:"index"`
	Type    string `json:"type"`
	Charset string `json:"charset,omitempty"`
	// CharsetSniffed is set when the bytes overruled the declared charset.
	CharsetSniffed bool   `json:"charset_sniffed,omitempty"`
	Encoding       string `json:"encoding,omitempty"` // Content-Transfer-Encoding
	Size           int    `json:"size"`               // decoded bytes
	Name           string `json:"name,omitempty"`
	Disposition    string `json:"disposition,omitempty"`
	Depth          int    `json:"depth"`
	Attachment     bool   `json:"attachment"`
	// Alternative marks a text/plain part that has an HTML alternative.
	Alternative bool `json:"alternative,omitempty"`
	// Embedded marks the parts of an attached message.
	Embedded bool `json:"embedded,omitempty"`
	// Text is the decoded text (for HTML, the text a reader sees).
	Text string `json:"text"`
	// TextOmitted counts the bytes of the part's text not shown.
	TextOmitted int `json:"text_omitted_bytes,omitempty"`
	// Hidden is the text of an HTML part that a reader cannot see.
	Hidden        string `json:"hidden_text,omitempty"`
	HiddenOmitted int    `json:"hidden_omitted_bytes,omitempty"`
}

// Link is one link: what it shows, where it points, and where it really
// leads when another URL is wrapped inside it.
type Link struct {
	Text string `json:"text"`
	Href string `json:"href"`
	// Destination is the URL inside a rewriting or redirecting link
	// (Safe Links, Proofpoint, ?url=), empty when there is none.
	Destination string `json:"destination,omitempty"`
	// Wrapper is who wrapped it: "gateway" or "redirect".
	Wrapper string `json:"wrapper,omitempty"`
	// HostUnicode is the host of Href as the reader sees it, set only for
	// an internationalised name (its punycode is in Href).
	HostUnicode string `json:"host_unicode,omitempty"`
	// Domain is the registrable domain the link finally leads to.
	Domain string `json:"domain,omitempty"`
	Source string `json:"source"` // "a", "area", "form", "text", …; for attachments "pdf", "qr", "html", …
	Part   int    `json:"part"`   // index into Parts
}

// Attachment is one attached file.
type Attachment struct {
	Name string `json:"name"`
	// ShownName is the name with its bidirectional controls made visible,
	// set only when it holds one.
	ShownName    string         `json:"shown_name,omitempty"`
	DeclaredType string         `json:"declared_type"`
	RealType     string         `json:"real_type,omitempty"` // by magic bytes
	Kind         string         `json:"kind,omitempty"`
	Size         int            `json:"size"`
	SHA256       string         `json:"sha256"`
	Part         int            `json:"part"`
	DoubleExt    string         `json:"double_extension,omitempty"`
	Macros       string         `json:"macros,omitempty"`
	Encrypted    bool           `json:"encrypted,omitempty"`
	Entries      []attach.Entry `json:"entries,omitempty"`
	// EntriesOmitted counts the archive entries not shown.
	EntriesOmitted int      `json:"entries_omitted,omitempty"`
	Links          []Link   `json:"links,omitempty"`
	Notices        []string `json:"notices,omitempty"`
}

// Build makes the view of m. infos are what the attach package found in
// m.Attachments, in the same order (see Inspect); missing ones leave the
// real type empty.
func Build(m *mail.Message, infos []attach.Info) *View {
	v := &View{
		Subject:       clip.String(m.Subject, MaxName),
		SubjectHidden: capped(m.SubjectHidden),
		From:          address(m.From),
		To:            addresses(m.To),
		Cc:            addresses(m.Cc),
		ReplyTo:       addresses(m.ReplyTo),
		HiddenWhy:     clip.String(m.HiddenWhy, MaxName),
		Size:          m.Size,
		Parts:         []Part{},
		Links:         []Link{},
		Attachments:   []Attachment{},
		Notices:       []mail.Notice{},
	}
	if !m.Date.IsZero() {
		v.Date = m.Date.Format(time.RFC3339)
	}
	v.headers(m)
	v.parts(m)
	v.Text, v.TextOmitted = bodyText(m)
	links := linkBudget{left: MaxLinks}
	for _, l := range m.Links {
		if sl, ok := links.take(l.Href, l.Text, l.Source, l.Part); ok {
			v.Links = append(v.Links, sl)
		}
	}
	v.attachments(m, infos, &links)
	v.LinksOmitted = links.omitted + m.LinksDropped
	for i, n := range m.Notices {
		if i == MaxNotices {
			v.NoticesOmitted = len(m.Notices) - i
			break
		}
		v.Notices = append(v.Notices, mail.Notice{Kind: n.Kind, Detail: clip.String(n.Detail, MaxName)})
	}
	return v
}

func address(a mail.Address) Address {
	return Address{Name: clip.String(a.Name, MaxName), Address: clip.String(a.Address, MaxName), Hidden: capped(a.Hidden)}
}

// capped is at most the first 32 of the invisible characters listed.
func capped(chars []string) []string {
	return chars[:min(len(chars), 32)]
}

func addresses(list []mail.Address) []Address {
	out := []Address{}
	for i, a := range list {
		if i == MaxAddresses {
			break
		}
		out = append(out, address(a))
	}
	return out
}

// headers decodes every field, with the charset of the first text part as
// the hint for raw 8-bit bytes, as the parser does.
func (v *View) headers(m *mail.Message) {
	hint := ""
	for _, p := range m.Parts {
		if !p.Attachment && p.Charset != "" {
			hint = p.Charset
			break
		}
	}
	budget := MaxHeaderBytes
	for i, f := range m.Header {
		if i == MaxHeaders || budget <= 0 {
			v.HeadersOmitted = len(m.Header) - i
			return
		}
		// Decode no more than is shown: a 10 MB header costs nothing.
		raw, _ := cut(f.Value, 4*MaxHeaderValue)
		val, omitted := cut(mail.DecodeHeader(raw, hint), MaxHeaderValue)
		budget -= len(val)
		v.Headers = append(v.Headers, Header{Name: clip.String(f.Name, MaxName), Value: val, Cut: omitted > 0 || len(raw) < len(f.Value)})
	}
}

// parts lists the MIME leaves with their text, within MaxPartText each
// and MaxText in all.
func (v *View) parts(m *mail.Message) {
	budget := MaxText
	for i, p := range m.Parts {
		sp := Part{
			Index: i, Type: clip.String(p.ContentType, MaxName), Charset: clip.String(p.Charset, MaxName), CharsetSniffed: p.CharsetSniffed,
			Encoding: clip.String(p.Encoding, MaxName), Size: p.Size, Name: clip.String(p.Filename, MaxName), Disposition: clip.String(p.Disposition, MaxName),
			Depth: p.Depth, Attachment: p.Attachment, Alternative: p.Shadowed, Embedded: p.Embedded,
		}
		sp.Text, sp.TextOmitted = cut(p.Text, min(MaxPartText, budget))
		budget -= len(sp.Text)
		sp.Hidden, sp.HiddenOmitted = cut(p.Hidden, min(MaxPartText, budget))
		budget -= len(sp.Hidden)
		v.Parts = append(v.Parts, sp)
	}
}

// bodyText is the text a reader of the message's text reads
// (mail.Message.ReadingText: its text/plain parts, or, for a mail without
// any, the visible text of its HTML), cut at MaxPartText.
func bodyText(m *mail.Message) (string, int) {
	return cut(m.ReadingText(), MaxPartText)
}

// attachments lists the attached files with what the attach package
// found in them.
func (v *View) attachments(m *mail.Message, infos []attach.Info, links *linkBudget) {
	entries := MaxEntries
	for i, a := range m.Attachments {
		sa := Attachment{Name: clip.String(a.Name, MaxName), DeclaredType: clip.String(a.ContentType, MaxName), Size: a.Size, SHA256: a.SHA256, Part: a.Part}
		if i < len(infos) {
			in := infos[i]
			sa.RealType, sa.Kind, sa.DoubleExt, sa.Macros, sa.Encrypted = in.Type, in.Kind, clip.String(in.DoubleExt, MaxName), clip.String(in.Macros, MaxName), in.Encrypted
			if in.Bidi {
				sa.ShownName = clip.String(in.Shown, MaxName)
			}
			n := min(len(in.Entries), entries)
			sa.Entries, sa.EntriesOmitted = in.Entries[:n], len(in.Entries)-n
			entries -= n
			for _, l := range in.Links {
				if sl, ok := links.take(l.URL, l.Text, l.Source, a.Part); ok {
					sa.Links = append(sa.Links, sl)
				}
			}
			links.omitted += in.LinksDropped
			for _, n := range in.Notices {
				sa.Notices = append(sa.Notices, clip.String(n, MaxName))
			}
		}
		v.Attachments = append(v.Attachments, sa)
	}
}

// linkBudget hands out the MaxLinks links a view shows and counts the
// others.
type linkBudget struct{ left, omitted int }

// take makes the shown link for href, unless the budget is spent.
func (b *linkBudget) take(href, text, source string, part int) (Link, bool) {
	if b.left == 0 {
		b.omitted++
		return Link{}, false
	}
	b.left--
	l := Link{Text: clip.String(text, MaxLinkText), Href: clip.String(href, MaxURL), Source: source, Part: part}
	if u, ok := domain.ParseURL(href); ok {
		l.Domain = u.Registrable
		if u.HostUnicode != u.Host {
			l.HostUnicode = clip.String(u.HostUnicode, MaxName)
		}
		if w, ok := domain.Unwrap(u); ok {
			l.Destination, l.Wrapper, l.Domain = clip.String(w.Target.String(), MaxURL), w.Kind, w.Target.Registrable
		}
	}
	return l, true
}

// describe is a part's one-line summary: type, charset, encoding, size.
func (p Part) describe() string {
	s := p.Type
	if p.Charset != "" {
		s += "; charset=" + p.Charset
	}
	if p.Encoding != "" {
		s += "; " + p.Encoding
	}
	return s + fmt.Sprintf("; %d bytes", p.Size)
}
