package mail

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// walker descends the MIME tree once, filling the message's parts, links
// and attachments and enforcing the limits.
type walker struct {
	ctx                             context.Context
	m                               *Message
	lim                             Limits
	links                           []Link
	linkAt                          map[string]int // href → index in links
	linksDropped                    int            // distinct hrefs past MaxLinks
	hint                            string         // first charset declared by a text part
	hitDepth, hitParts, hitPartSize bool
}

// done reports whether the parse was cancelled.
func (w *walker) done() bool { return w.ctx.Err() != nil }

func (w *walker) notice(kind, detail string) {
	w.m.Notices = append(w.m.Notices, Notice{Kind: kind, Detail: detail})
}

// entity handles one MIME entity: a multipart container, an attached
// message, or a leaf.
func (w *walker) entity(h Header, body []byte, depth int, inAlternative, embedded bool) {
	if w.done() {
		return
	}
	if depth > w.lim.MaxDepth {
		if !w.hitDepth {
			w.hitDepth = true
			w.notice("depth", fmt.Sprintf("MIME nesting deeper than %d levels; deeper parts were not read", w.lim.MaxDepth))
		}
		return
	}
	ctype, params := parseContentType(h.Get("Content-Type"))
	switch {
	case strings.HasPrefix(ctype, "multipart/"):
		boundary := params["boundary"]
		if boundary == "" {
			w.notice("decode", "multipart part without a boundary; its body was read as text")
			w.leaf(h, "text/plain", params, body, depth, embedded)
			return
		}
		w.multipart(body, boundary, depth, ctype == "multipart/alternative", embedded)
	case ctype == "message/rfc822" || ctype == "message/global":
		inner := decodeTransfer(h.Get("Content-Transfer-Encoding"), body)
		ih, ib := splitHeader(inner)
		if len(ih) == 0 {
			w.leaf(h, ctype, params, body, depth, embedded)
			return
		}
		w.entity(ih, ib, depth+1, false, true)
	default:
		w.leaf(h, ctype, params, body, depth, embedded)
	}
}

func (w *walker) multipart(body []byte, boundary string, depth int, alternative, embedded bool) {
	mr := textproto.NewMultipartReader(bytes.NewReader(body), boundary)
	firstPart := len(w.m.Parts)
	for !w.done() {
		p, err := mr.NextPart()
		if err != nil {
			// A multipart that is never closed is common and harmless: the
			// parts before the end were read.
			if !errors.Is(err, io.EOF) && !strings.HasSuffix(err.Error(), "EOF") {
				w.notice("decode", "multipart body ended early or is malformed: "+err.Error())
			}
			break
		}
		if len(w.m.Parts) >= w.lim.MaxParts {
			if !w.hitParts {
				w.hitParts = true
				w.notice("parts", fmt.Sprintf("more than %d MIME parts; the rest were not read", w.lim.MaxParts))
			}
			break
		}
		data, err := io.ReadAll(io.LimitReader(p, w.lim.MaxSize))
		if err != nil && len(data) == 0 {
			if !strings.HasSuffix(err.Error(), "EOF") {
				w.notice("decode", "a MIME part could not be read: "+err.Error())
			}
			continue
		}
		var ph Header
		for f := p.Header.Fields(); f.Next(); {
			ph = append(ph, Field{Name: canonicalName(f.Key()), Value: strings.TrimSpace(f.Value())})
		}
		w.entity(ph, data, depth+1, alternative, embedded)
	}
	if alternative {
		w.shadowPlainAlternatives(firstPart)
	}
}

// shadowPlainAlternatives marks plain-text parts from firstPart on as
// shadowed when an HTML alternative exists among them.
func (w *walker) shadowPlainAlternatives(firstPart int) {
	hasHTML := false
	for _, p := range w.m.Parts[firstPart:] {
		if p.ContentType == "text/html" && !p.Attachment {
			hasHTML = true
		}
	}
	if !hasHTML {
		return
	}
	for i := firstPart; i < len(w.m.Parts); i++ {
		if w.m.Parts[i].ContentType == "text/plain" && !w.m.Parts[i].Attachment {
			w.m.Parts[i].Shadowed = true
		}
	}
}

func (w *walker) leaf(h Header, ctype string, params map[string]string, body []byte, depth int, embedded bool) {
	if len(w.m.Parts) >= w.lim.MaxParts {
		if !w.hitParts {
			w.hitParts = true
			w.notice("parts", fmt.Sprintf("more than %d MIME parts; the rest were not read", w.lim.MaxParts))
		}
		return
	}
	cte := strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding")))
	data := decodeTransfer(cte, body)
	if int64(len(data)) > w.lim.MaxPartSize {
		data = data[:w.lim.MaxPartSize]
		if !w.hitPartSize {
			w.hitPartSize = true
			w.notice("part_size", fmt.Sprintf("a MIME part decodes to more than %d bytes; only the first %d were read", w.lim.MaxPartSize, w.lim.MaxPartSize))
		}
	}
	disp, dparams := parseContentType(h.Get("Content-Disposition"))
	filename := dparams["filename"]
	if filename == "" {
		filename = params["name"]
	}
	filename = DecodeHeader(filename, params["charset"])
	p := Part{
		ContentType: ctype,
		Charset:     strings.ToLower(params["charset"]),
		Filename:    filename,
		Disposition: disp,
		Encoding:    cte,
		Depth:       depth,
		Size:        len(data),
		Embedded:    embedded,
	}
	isText := ctype == "text/plain" || ctype == "text/html" || ctype == ""
	p.Attachment = disp == "attachment" || filename != "" || !isText
	idx := len(w.m.Parts)
	if !p.Attachment {
		w.textPart(&p, data, idx)
	} else {
		sum := sha256.Sum256(data)
		w.m.Attachments = append(w.m.Attachments, Attachment{
			Name:        filename,
			ContentType: ctype,
			Size:        len(data),
			SHA256:      hex.EncodeToString(sum[:]),
			Part:        idx,
			Data:        data,
		})
	}
	w.m.Parts = append(w.m.Parts, p)
}

// textPart decodes a text/plain or text/html body to UTF-8 and extracts
// its visible text and links.
func (w *walker) textPart(p *Part, data []byte, idx int) {
	if p.ContentType == "" {
		p.ContentType = "text/plain"
	}
	label := p.Charset
	if p.ContentType == "text/html" && label == "" {
		label = htmlMetaCharset(data)
	}
	if w.hint == "" && label != "" && lookupCharset(label) != nil {
		w.hint = label
	}
	text, sniffed := decodeCharset(data, label)
	p.CharsetSniffed = sniffed
	if p.ContentType == "text/html" {
		if len(text) <= maxKeptHTML {
			p.HTML = text
		}
		hc := extractHTML(w.done, []byte(text))
		p.Text = hc.Text
		p.Hidden = hc.Hidden
		if w.m.HiddenWhy == "" {
			w.m.HiddenWhy = hc.HiddenWhy
		}
		if w.m.Title == "" {
			w.m.Title = hc.Title
		}
		for _, l := range hc.Links {
			l.Part = idx
			w.link(l)
		}
		w.linksDropped += hc.LinksDropped
		for _, u := range textURLs(w.done, hc.Loose) {
			w.link(Link{Href: u, Source: "text", Part: idx})
		}
		return
	}
	p.Text = strings.ReplaceAll(text, "\r\n", "\n")
	for _, u := range textURLs(w.done, p.Text) {
		w.link(Link{Href: u, Source: "text", Part: idx})
	}
}

// link keeps the first occurrence of each href, preferring one that has
// anchor text (the same URL often appears as an HTML link and again as
// bare text in the plain alternative), and at most MaxLinks distinct
// hrefs: past that the mail is padded to drown its lure, which the
// "links" notice says.
func (w *walker) link(l Link) {
	if w.linkAt == nil {
		w.linkAt = map[string]int{}
	}
	if i, ok := w.linkAt[l.Href]; ok {
		if w.links[i].Text == "" && l.Text != "" {
			w.links[i] = l
		}
		return
	}
	if len(w.links) >= w.lim.MaxLinks {
		w.linksDropped++
		return
	}
	w.linkAt[l.Href] = len(w.links)
	w.links = append(w.links, l)
}

// bodyText joins the text of every text part that is not shadowed by an
// HTML alternative.
func (w *walker) bodyText() string {
	var parts []string
	for _, p := range w.m.Parts {
		if p.Attachment || p.Shadowed || p.Text == "" {
			continue
		}
		parts = append(parts, p.Text)
	}
	return strings.Join(parts, "\n\n")
}

// hiddenText joins the hidden text of every HTML part of the body.
func (w *walker) hiddenText() string {
	var parts []string
	for _, p := range w.m.Parts {
		if !p.Attachment && p.Hidden != "" {
			parts = append(parts, p.Hidden)
		}
	}
	return strings.Join(parts, "\n")
}

// decodeTransfer undoes base64 or quoted-printable; other encodings (7bit,
// 8bit, binary, unknown) pass through.
func decodeTransfer(cte string, body []byte) []byte {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "base64":
		return decodeBase64Lenient(body)
	case "quoted-printable":
		return decodeQuotedPrintable(body)
	}
	return body
}

// decodeQuotedPrintable decodes QP leniently: invalid escapes are kept as
// they are, soft line breaks are removed, trailing white space is kept.
func decodeQuotedPrintable(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '=' {
			out = append(out, c)
			continue
		}
		switch {
		case i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]):
			out = append(out, unhex(b[i+1])<<4|unhex(b[i+2]))
			i += 2
		case i+1 < len(b) && b[i+1] == '\n':
			i++
		case i+2 < len(b) && b[i+1] == '\r' && b[i+2] == '\n':
			i += 2
		case i+1 == len(b):
		default:
			// soft break with trailing white space before the newline
			j := i + 1
			for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
				j++
			}
			if j < len(b) && (b[j] == '\n' || b[j] == '\r') {
				if b[j] == '\r' && j+1 < len(b) && b[j+1] == '\n' {
					j++
				}
				i = j
				continue
			}
			out = append(out, c)
		}
	}
	return out
}
