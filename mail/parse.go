package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	netmail "net/mail"
	"strings"
	"time"
)

// ErrNotMail is returned for input that has no header fields at all.
var ErrNotMail = errors.New("input is not an e-mail message: no header fields found")

// ErrEmpty is returned for empty input.
var ErrEmpty = errors.New("input is empty")

// Parse reads one message from r, at most lim.MaxSize bytes of it, and
// parses it. It fails only when nothing usable was read; every other
// problem is recorded in Message.Notices.
func Parse(r io.Reader, lim Limits) (*Message, error) {
	return ParseContext(context.Background(), r, lim)
}

// ParseContext is Parse whose work stops when ctx ends: the parts not yet
// read are left out, and the caller, which sees ctx ended, discards the
// message.
func ParseContext(ctx context.Context, r io.Reader, lim Limits) (*Message, error) {
	lim = lim.WithDefaults()
	raw, err := readAll(r, lim.MaxSize+1)
	if err != nil {
		return nil, fmt.Errorf("cannot read the message: %w", err)
	}
	var notices []Notice
	if int64(len(raw)) > lim.MaxSize {
		raw = raw[:lim.MaxSize]
		notices = append(notices, Notice{Kind: "size", Detail: fmt.Sprintf("message larger than %d bytes; only the first %d bytes were read", lim.MaxSize, lim.MaxSize)})
	}
	m, err := parseBytes(ctx, raw, lim)
	if err != nil {
		return nil, err
	}
	m.Notices = append(notices, m.Notices...)
	return m, nil
}

// fromCarrier tells the phone carrier whose mail domain the From address
// is in, or noCarrier.
func fromCarrier(h Header) int {
	a, _ := ParseAddress(h.Get("From"), "")
	return carrierOf(a.Domain)
}

// readAll reads at most max bytes of r into one buffer, sized at once when
// r says how much it holds (bytes and strings readers, files), so that a
// 32 MB message is not copied through a doubling buffer.
func readAll(r io.Reader, max int64) ([]byte, error) {
	size := int64(-1)
	switch v := r.(type) {
	case interface{ Len() int }:
		size = int64(v.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if st, err := v.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
	}
	if size < 0 {
		return io.ReadAll(io.LimitReader(r, max))
	}
	var b bytes.Buffer
	b.Grow(int(min(size, max)) + bytes.MinRead)
	_, err := b.ReadFrom(io.LimitReader(r, max))
	return b.Bytes(), err
}

// ParseBytes parses a message held in memory. raw is not modified; the
// message keeps it (Message.Raw) for live DKIM verification.
func ParseBytes(raw []byte, lim Limits) (*Message, error) {
	return parseBytes(context.Background(), raw, lim)
}

func parseBytes(ctx context.Context, raw []byte, lim Limits) (*Message, error) {
	lim = lim.WithDefaults()
	if len(strings.TrimSpace(string(raw[:min(len(raw), 512)]))) == 0 {
		return nil, ErrEmpty
	}
	var rep repairLog
	text := raw
	if crLineEnds(raw) {
		// Old Macintosh line ends: mail programs still show the mail.
		text = bytes.ReplaceAll(raw, []byte("\r"), []byte("\n"))
		rep.add(repairCRLineEnds, 1)
	}
	h, body := readHeaderBlock(skipMboxFrom(text), &rep)
	if len(h) == 0 {
		return nil, ErrNotMail
	}
	m := &Message{Header: h, Size: len(raw), Raw: raw}
	w := walker{m: m, lim: lim, ctx: ctx, repairs: rep, headerCharset: headerWordCharset(h), carrier: fromCarrier(h)}
	w.entity(h, body, 0, false, false)
	var notices []Notice
	m.Repairs, notices = w.repairs.repairs()
	m.Notices = append(m.Notices, notices...)
	m.Text = w.bodyText()
	m.Hidden = w.hiddenText()
	m.Links, m.LinksDropped = w.links, w.linksDropped
	if w.linksDropped > 0 {
		w.notice("links", fmt.Sprintf("more than %d distinct links; %d more were not analysed", lim.MaxLinks, w.linksDropped))
	}
	m.readHeader(w.hint)
	return m, nil
}

// crLineEnds reports whether raw's lines end in CR alone: its header has
// CRs and no LF at all.
func crLineEnds(raw []byte) bool {
	head := raw[:min(len(raw), 64<<10)]
	return bytes.IndexByte(head, '\n') < 0 && bytes.Count(head, []byte("\r")) > 1
}

// readHeader fills the decoded header fields. hint is the body's charset,
// used first for raw 8-bit header bytes.
func (m *Message) readHeader(hint string) {
	h := m.Header
	m.Subject, m.SubjectHidden = stripInvisible(DecodeHeader(h.Get("Subject"), hint))
	m.Subject = collapseSpace(strings.TrimSpace(m.Subject))
	m.Date = parseDate(h.Get("Date"))
	from := ParseAddressList(h.Get("From"), hint)
	m.FromCount = len(from)
	if len(from) > 0 {
		m.From = from[0]
	}
	if s, ok := ParseAddress(h.Get("Sender"), hint); ok {
		m.Sender = s
	}
	for _, v := range h.Values("Reply-To") {
		m.ReplyTo = append(m.ReplyTo, ParseAddressList(v, hint)...)
	}
	if rp := h.Get("Return-Path"); rp != "" {
		m.ReturnPath = cleanAddr(rp)
	}
	m.To = ParseAddressList(strings.Join(h.Values("To"), ","), hint)
	m.Cc = ParseAddressList(strings.Join(h.Values("Cc"), ","), hint)
	for _, name := range []string{"Delivered-To", "X-Original-To"} {
		for _, v := range h.Values(name) {
			if a := cleanAddr(v); a != "" {
				m.DeliveredTo = append(m.DeliveredTo, a)
			}
		}
	}
	m.MessageID = strings.Trim(strings.TrimSpace(h.Get("Message-Id")), "<>")
	for i, f := range h {
		switch f.Name {
		case "Received":
			hop := parseReceived(f.Value)
			hop.Index = i
			m.Received = append(m.Received, hop)
		case "Authentication-Results":
			m.AuthResults = append(m.AuthResults, parseAuthResults(f.Value, i)...)
		}
	}
}

var dateLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon Jan 2 15:04:05 2006",
	"Mon, 2 Jan 2006 15:04:05",
	"2006-01-02 15:04:05 -0700",
	time.RFC3339,
}

// parseDate parses an RFC 5322 date leniently; it returns the zero time
// when nothing fits.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(stripComments(s))
	if s == "" {
		return time.Time{}
	}
	if t, err := netmail.ParseDate(s); err == nil {
		return t
	}
	s = collapseSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
