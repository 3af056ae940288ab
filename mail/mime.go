package mail

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
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
	repairs                         repairLog      // damage repaired while reading
	headerCharset                   string         // charset of the header's encoded-words, for unlabelled parts
	carrier                         int            // the phone carrier whose mail domain sent it, or noCarrier
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
		w.multipart(h, params, body, depth, ctype == "multipart/alternative", embedded)
	case ctype == "message/rfc822" || ctype == "message/global":
		inner := decodeTransfer(h.Get("Content-Transfer-Encoding"), body)
		ih, ib := readHeaderBlock(skipMboxFrom(inner), &w.repairs)
		if len(ih) == 0 {
			w.leaf(h, ctype, params, body, depth, embedded)
			return
		}
		w.entity(ih, ib, depth+1, false, true)
	default:
		w.leaf(h, ctype, params, body, depth, embedded)
	}
}

func (w *walker) multipart(h Header, params map[string]string, body []byte, depth int, alternative, embedded bool) {
	sp := partSplitter{body: body, delim: []byte("--" + params["boundary"])}
	firstPart := len(w.m.Parts)
	exhausted := false
	for !w.done() {
		data, ok := sp.next()
		if !ok {
			exhausted = true
			break
		}
		if len(w.m.Parts) >= w.lim.MaxParts {
			if !w.hitParts {
				w.hitParts = true
				w.notice("parts", fmt.Sprintf("more than %d MIME parts; the rest were not read", w.lim.MaxParts))
			}
			break
		}
		ph, pb := readHeaderBlock(data, &w.repairs)
		w.entity(ph, pb, depth+1, alternative, embedded)
	}
	switch {
	case !sp.found && len(bytes.TrimSpace(body)) > 0:
		// No boundary line at all: mail programs show the body as text.
		w.repairs.add(repairNoDelimiter, 1)
		w.leaf(h, "text/plain", params, body, depth, embedded)
	case !sp.closed && exhausted:
		w.repairs.add(repairBadBoundary, 1)
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
	text, sniffed := decodeCharsetFallback(data, label, w.headerCharset, w.carrier)
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
		w.m.Forms += hc.Forms
		w.m.PasswordInputs += hc.PasswordInputs
		for _, l := range hc.Links {
			l.Part = idx
			w.link(l)
		}
		for _, l := range hc.Images {
			l.Part = idx
			w.link(l)
		}
		w.linksDropped += hc.LinksDropped
		for _, u := range textURLs(w.done, hc.Loose) {
			w.link(Link{Href: resolveHref("", u), Source: "text", Part: idx})
		}
		return
	}
	p.Text = strings.ReplaceAll(text, "\r\n", "\n")
	for _, u := range textURLs(w.done, p.Text) {
		w.link(Link{Href: resolveHref("", u), Source: "text", Part: idx})
	}
}

// link keeps each href once, with every distinct text shown over it
// (Link.merge), and at most MaxLinks distinct hrefs, images included:
// past that the mail is padded to drown its lure, which the "links"
// notice says.
func (w *walker) link(l Link) {
	if w.linkAt == nil {
		w.linkAt = map[string]int{}
	}
	if i, ok := w.linkAt[l.Href]; ok {
		w.links[i].Merge(l)
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
			if j == len(b) {
				i = j // a soft break with trailing white space at the very end
				continue
			}
			out = append(out, c)
		}
	}
	return out
}
