// Package mail parses raw Internet messages (RFC 5322 + MIME) as they are
// found in the wild in Japan into a Message that checks can read without
// further decoding: header values decoded to UTF-8, the Received chain as
// hops, Authentication-Results as records, the visible text of every text
// part, links with their anchor text, and attachments.
//
// Parsing never fails on malformed content: what cannot be decoded is kept
// as well as it can be and noted in Message.Notices. Size, depth and part
// limits bound the work done on hostile input.
package mail

import (
	"time"
)

// Message is one parsed e-mail message.
type Message struct {
	Header Header // top-level header fields in order
	// Raw is the message as read, for checks that need its exact bytes
	// (live DKIM verification).
	Raw []byte `json:"-"`

	Subject string
	// SubjectHidden lists the invisible characters removed from the
	// subject ("U+200B"), as Address.Hidden does for names.
	SubjectHidden []string
	Date          time.Time // zero when missing or unparseable
	From          Address
	FromCount     int // number of mailboxes in From (more than one is unusual)
	Sender        Address
	ReplyTo       []Address
	ReturnPath    string // envelope sender from Return-Path, without brackets
	To            []Address
	Cc            []Address
	DeliveredTo   []string // Delivered-To / X-Original-To addresses, top first
	MessageID     string   // without angle brackets

	Received    []Hop        // top (newest) first
	AuthResults []AuthResult // every Authentication-Results record, top first

	Parts []Part
	Text  string // visible text of the body, text and HTML parts joined
	Title string // <title> of the first HTML part
	// Forms and PasswordInputs count the <form> elements and password
	// fields of the message's own HTML parts (not its attachments').
	Forms, PasswordInputs int
	// Hidden is the text of HTML parts a reader cannot see (display:none,
	// zero size, white on white, off-screen); it is not in Text.
	Hidden string
	// HiddenWhy is how the first hidden text was hidden ("display:none").
	HiddenWhy string
	Links     []Link
	// LinksDropped counts the distinct links past Limits.MaxLinks, not
	// kept and not analysed.
	LinksDropped int
	Attachments  []Attachment

	Size    int      // bytes read
	Notices []Notice // limits hit and decoding problems
	// Repairs is the damage the reader repaired, as mail programs do
	// (header lines without a colon, NULs, bare CRs, …); one "repair"
	// notice says the same in a sentence.
	Repairs []Repair
}

// Part is one leaf of the MIME tree.
type Part struct {
	ContentType string `json:"content_type"`
	Charset     string `json:"charset,omitempty"`
	// CharsetSniffed is set when the declared charset disagreed with the
	// bytes and another was used.
	CharsetSniffed bool   `json:"charset_sniffed,omitempty"`
	Filename       string `json:"filename,omitempty"`
	Disposition    string `json:"disposition,omitempty"`
	Encoding       string `json:"encoding,omitempty"`
	Depth          int    `json:"depth"`
	Size           int    `json:"size"` // decoded bytes
	Text           string `json:"-"`    // decoded visible text of text/* parts
	// HTML is the decoded source of a text/html part (up to 2 MiB), for a
	// safe preview; never rendered as is.
	HTML       string `json:"-"`
	Hidden     string `json:"-"` // text of an HTML part a reader cannot see
	Attachment bool   `json:"attachment"`
	// Shadowed marks a text/plain part that has an HTML alternative; its
	// text is not repeated in Message.Text.
	Shadowed bool `json:"-"`
	// Embedded marks parts of an attached message/rfc822.
	Embedded bool `json:"embedded,omitempty"`
}

// Attachment is a part that carries a file rather than the message text.
type Attachment struct {
	Name        string `json:"name"`
	ContentType string `json:"type"`
	Size        int    `json:"size"`
	SHA256      string `json:"sha256"`
	Part        int    `json:"-"`
	// Data holds the decoded content, at most Limits.MaxPartSize bytes.
	Data []byte `json:"-"`
}

// Notice records a limit that was hit or a decoding problem, so that a
// verdict reached on partial content says so.
type Notice struct {
	Kind   string `json:"kind"` // "size", "depth", "parts", "part_size", "links", "decode", "repair"
	Detail string `json:"detail"`
}

// Limits bound the work done on one message. Zero fields take defaults.
type Limits struct {
	MaxSize     int64 // bytes of raw message read; the rest is ignored
	MaxDepth    int   // MIME nesting depth
	MaxParts    int   // MIME parts
	MaxPartSize int64 // decoded bytes kept per part
	MaxLinks    int   // distinct links kept; the rest are counted in a notice
}

// maxKeptHTML bounds the HTML source a part keeps for previews.
const maxKeptHTML = 2 << 20

// DefaultLimits are generous for real mail and small enough that a hostile
// message costs little.
var DefaultLimits = Limits{
	MaxSize:     32 << 20,
	MaxDepth:    16,
	MaxParts:    256,
	MaxPartSize: 16 << 20,
	MaxLinks:    2000,
}

// WithDefaults fills zero fields from DefaultLimits.
func (l Limits) WithDefaults() Limits {
	if l.MaxSize <= 0 {
		l.MaxSize = DefaultLimits.MaxSize
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	if l.MaxParts <= 0 {
		l.MaxParts = DefaultLimits.MaxParts
	}
	if l.MaxPartSize <= 0 {
		l.MaxPartSize = DefaultLimits.MaxPartSize
	}
	if l.MaxLinks <= 0 {
		l.MaxLinks = DefaultLimits.MaxLinks
	}
	return l
}
