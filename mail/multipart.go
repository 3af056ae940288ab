package mail

import "bytes"

// partSplitter cuts a multipart body at its boundary lines, leniently and
// in one pass: a delimiter is "--boundary" at the start of a line,
// followed by white space only (or "--" for the close); the line end
// before it belongs to the delimiter; the preamble and the epilogue are
// dropped; a body never closed ends its last part at the end of the body.
type partSplitter struct {
	body  []byte
	delim []byte // "--" + boundary
	pos   int    // where the next search starts
	start int    // start of the current part, once a delimiter was seen
	found bool   // a delimiter line was seen
	// closed is set once the close delimiter was read; nothing follows.
	closed bool
}

// next returns the next part's bytes (header and body), or false when
// there are no more.
func (s *partSplitter) next() ([]byte, bool) {
	for !s.closed && s.pos <= len(s.body) && len(s.delim) > 2 {
		i := bytes.Index(s.body[s.pos:], s.delim)
		if i < 0 {
			break
		}
		at := s.pos + i
		after := at + len(s.delim)
		if at > 0 && s.body[at-1] != '\n' && s.body[at-1] != '\r' {
			s.pos = after
			continue
		}
		lineEnd := bytes.IndexByte(s.body[after:], '\n')
		next := len(s.body)
		if lineEnd >= 0 {
			lineEnd += after
			next = lineEnd + 1
		} else {
			lineEnd = len(s.body)
		}
		rest := bytes.TrimRight(s.body[after:lineEnd], " \t\r")
		closing := bytes.HasPrefix(rest, []byte("--"))
		if len(rest) > 0 && !(closing && len(bytes.TrimRight(rest[2:], " \t")) == 0) {
			s.pos = after // a longer boundary that starts with this one
			continue
		}
		s.pos = next
		wasFound := s.found
		s.found = true
		partStart := s.start
		s.start = next
		if closing {
			s.closed = true
		}
		if wasFound {
			return trimLineEnd(s.body[partStart:at]), true
		}
	}
	if s.found && !s.closed && s.start <= len(s.body) {
		part := s.body[s.start:]
		s.start = len(s.body) + 1
		s.pos = len(s.body) + 1
		// A last delimiter with nothing after it opens no part: mail
		// programs show none, and the strict reading finds none.
		if len(bytes.TrimSpace(part)) > 0 {
			return part, true
		}
	}
	return nil, false
}

// trimLineEnd removes one line end (CRLF, LF or CR) from the end of b: the
// one that belongs to the delimiter after it.
func trimLineEnd(b []byte) []byte {
	switch {
	case bytes.HasSuffix(b, []byte("\r\n")):
		return b[:len(b)-2]
	case bytes.HasSuffix(b, []byte("\n")), bytes.HasSuffix(b, []byte("\r")):
		return b[:len(b)-1]
	}
	return b
}
