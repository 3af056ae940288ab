package mail

import (
	"bytes"
	"strings"
)

// Field is one header field as it appeared in the message: the canonical
// name and the unfolded raw value (not yet decoded).
type Field struct {
	Name  string
	Value string
}

// Header is the ordered list of a message's or a part's header fields.
type Header []Field

// Get returns the raw value of the first field named name, or "".
func (h Header) Get(name string) string {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// Values returns the raw values of every field named name, top first.
func (h Header) Values(name string) []string {
	var out []string
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			out = append(out, f.Value)
		}
	}
	return out
}

// Has reports whether a field named name is present.
func (h Header) Has(name string) bool {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return true
		}
	}
	return false
}

// splitHeader reads the header block at the start of raw and returns the
// fields and the body. It is lenient: a leading mbox "From " line is
// skipped, lines without a colon are dropped, bare LF and CRLF are both
// accepted, and a missing blank line means the whole input is header.
func splitHeader(raw []byte) (Header, []byte) {
	if bytes.HasPrefix(raw, []byte("From ")) {
		if i := bytes.IndexByte(raw, '\n'); i >= 0 {
			raw = raw[i+1:]
		} else {
			return nil, nil
		}
	}
	h := make(Header, 0, 32)
	// The field being read: its name and its lines, joined once complete.
	var name string
	var lines [][]byte
	flush := func() {
		if name == "" {
			return
		}
		v := lines[0]
		if len(lines) > 1 {
			v = bytes.Join(lines, []byte(" "))
		}
		h = append(h, Field{Name: name, Value: string(v)})
		name, lines = "", lines[:0]
	}
	pos := 0
	for pos < len(raw) {
		end := bytes.IndexByte(raw[pos:], '\n')
		var line []byte
		next := len(raw)
		if end >= 0 {
			line = raw[pos : pos+end]
			next = pos + end + 1
		} else {
			line = raw[pos:]
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 {
			flush()
			return h, raw[next:]
		}
		if (line[0] == ' ' || line[0] == '\t') && name != "" {
			if t := bytes.TrimSpace(line); len(t) > 0 {
				lines = append(lines, t)
			}
			pos = next
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon > 0 && validFieldName(line[:colon]) {
			flush()
			name = canonicalName(string(bytes.TrimRight(line[:colon], " \t")))
			lines = append(lines, bytes.TrimSpace(line[colon+1:]))
		} else if len(h) == 0 && name == "" && colon < 0 {
			// Not a header at all: treat the input as a body with no header.
			return h, raw[pos:]
		}
		pos = next
	}
	flush()
	return h, nil
}

func validFieldName(b []byte) bool {
	b = bytes.TrimRight(b, " \t")
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c <= ' ' || c >= 0x7f {
			return false
		}
	}
	return true
}

// canonicalName returns the MIME canonical form of a field name
// (content-type → Content-Type) without allocating for names already in it.
func canonicalName(s string) string {
	upper := true
	ok := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if upper && c >= 'a' && c <= 'z' || !upper && c >= 'A' && c <= 'Z' {
			ok = false
			break
		}
		upper = c == '-'
	}
	if ok {
		return s
	}
	b := []byte(s)
	upper = true
	for i, c := range b {
		if upper && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		} else if !upper && c >= 'A' && c <= 'Z' {
			b[i] = c - 'A' + 'a'
		}
		upper = c == '-'
	}
	return string(b)
}

// lowerASCII lower-cases ASCII letters only, so that byte offsets in the
// result are valid in s (strings.ToLower may change the length of text
// with invalid UTF-8 or some non-ASCII letters).
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
