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

// maxHeaderLine is RFC 5322's limit on a line; longer header lines are
// read whole but recorded.
const maxHeaderLine = 998

// readHeaderBlock reads the header block at the start of raw the way mail
// programs do and returns the fields and the body; what it repaired is
// recorded in rep (which may be nil). Bare LF and CRLF are both line
// ends; a bare CR inside a line is read as white space, and it and NULs
// are dropped from field names; a line without a colon is skipped when
// header fields follow it, and starts the body when none do; a line of
// white space ends the block unless a field or a folded line follows it;
// without a blank line, the header runs to the end (or to the colon-less
// lines that end the input, which are the body).
func readHeaderBlock(raw []byte, rep *repairLog) (Header, []byte) {
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
	// bodyStart is where the run of colon-less lines since the last field
	// began: the body, if no field and no blank line follows.
	bodyStart, colonless := -1, 0
	pos := 0
	for pos < len(raw) {
		line, next := headerLine(raw, pos)
		if len(line) == 0 {
			flush()
			if len(h) == 0 && bodyStart >= 0 {
				// Not a header at all: the text itself is the body.
				return h, raw[bodyStart:]
			}
			rep.add(repairColonless, colonless)
			return h, raw[next:]
		}
		if len(line) > maxHeaderLine {
			rep.add(repairOverlong, 1)
		}
		line = cleanHeaderLine(line, rep)
		if isBlankLine(line) {
			// A line of white space: folding if, after the run of such
			// lines (SpamAssassin's reports fold several), a field or a
			// folded line follows; else (as mail programs read it) the end
			// of the block. The run is walked once.
			after := next
			follow, afterNext := headerLine(raw, after)
			for len(follow) > 0 && isBlankLine(follow) {
				after = afterNext
				follow, afterNext = headerLine(raw, after)
			}
			if len(follow) > 0 && (follow[0] == ' ' || follow[0] == '\t' || isFieldLine(follow)) {
				if len(h) == 0 && name == "" {
					rep.add(repairLeadingSpace, 1)
				}
				pos = after
				continue
			}
			flush()
			rep.add(repairSpaceLine, 1)
			rep.add(repairColonless, colonless)
			return h, raw[next:]
		}
		if (line[0] == ' ' || line[0] == '\t') && name != "" {
			if t := bytes.TrimSpace(line); len(t) > 0 {
				lines = append(lines, t)
			}
			pos = next
			continue
		}
		if isFieldLine(line) {
			colon := bytes.IndexByte(line, ':')
			flush()
			name = canonicalName(string(bytes.TrimRight(line[:colon], " \t")))
			lines = append(lines, bytes.TrimSpace(line[colon+1:]))
			bodyStart = -1
		} else {
			flush()
			if bodyStart < 0 {
				bodyStart = pos
			}
			colonless++
		}
		pos = next
	}
	flush()
	if bodyStart >= 0 {
		return h, raw[bodyStart:]
	}
	rep.add(repairColonless, colonless)
	return h, nil
}

// skipMboxFrom drops the mbox "From " line a message file may start with
// ("From sender date"); "From : …" is a From field written with the
// obsolete white space before its colon, and stays.
func skipMboxFrom(raw []byte) []byte {
	if !bytes.HasPrefix(raw, []byte("From ")) || isFieldLine(firstLine(raw)) {
		return raw
	}
	if i := bytes.IndexByte(raw, '\n'); i >= 0 {
		return raw[i+1:]
	}
	return nil
}

// firstLine is raw up to its first line end.
func firstLine(raw []byte) []byte {
	if i := bytes.IndexAny(raw, "\r\n"); i >= 0 {
		return raw[:i]
	}
	return raw
}

// headerLine returns the line at pos without its line end, and where the
// next line starts.
func headerLine(raw []byte, pos int) ([]byte, int) {
	if pos >= len(raw) {
		return nil, len(raw)
	}
	end := bytes.IndexByte(raw[pos:], '\n')
	if end < 0 {
		return bytes.TrimSuffix(raw[pos:], []byte("\r")), len(raw)
	}
	return bytes.TrimSuffix(raw[pos:pos+end], []byte("\r")), pos + end + 1
}

// cleanHeaderLine reads bare CRs as white space and drops them and NULs
// before the colon, so that a field name survives them, recording both.
func cleanHeaderLine(line []byte, rep *repairLog) []byte {
	if bytes.IndexByte(line, 0) < 0 && bytes.IndexByte(line, '\r') < 0 {
		return line
	}
	out := make([]byte, 0, len(line))
	inName := true
	for _, c := range line {
		switch c {
		case 0:
			// Kept in a value, where the checks report it as a hidden
			// character; dropped from a name, which it would break.
			rep.add(repairNUL, 1)
			if !inName {
				out = append(out, 0)
			}
		case '\r':
			rep.add(repairBareCR, 1)
			if !inName {
				out = append(out, ' ')
			}
		default:
			if c == ':' {
				inName = false
			}
			out = append(out, c)
		}
	}
	return out
}

// isBlankLine reports whether line holds only spaces and tabs.
func isBlankLine(line []byte) bool {
	return len(bytes.Trim(line, " \t")) == 0
}

// isFieldLine reports whether line starts a header field ("Name: value"),
// also with white space before the colon ("From : …", RFC 5322's obsolete
// syntax, which mail programs still read).
func isFieldLine(line []byte) bool {
	colon := bytes.IndexByte(line, ':')
	return colon > 0 && validFieldName(bytes.TrimRight(line[:colon], " \t"))
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
