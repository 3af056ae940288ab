package mail

import (
	"strings"
)

// Address is one mailbox: the decoded display name, the address and its
// lower-cased domain.
type Address struct {
	Name    string `json:"name"`
	Address string `json:"address"`
	Domain  string `json:"domain"`
	// Hidden lists the invisible characters (controls such as NUL,
	// zero-width and bidirectional marks) removed from the display name,
	// as "U+0000" (an addition to the report contract).
	Hidden []string `json:"hidden_characters,omitempty"`
}

// ParseAddressList parses a raw address-list header value leniently: it
// splits on commas outside quotes, angle brackets and comments, takes the
// address from <…> or the bare token with an @, and decodes the display
// name only after splitting, so that an encoded name that decodes to a
// comma or bracket cannot change the structure. Groups are flattened.
//
// A piece with neither "@" nor "<" is a display name cut by an unquoted
// comma ("Doe, John <john@example>", "Microsoft account team ,_<…>"),
// as mail programs display it: it is joined to the piece after it.
func ParseAddressList(raw, hint string) []Address {
	var out []Address
	parts := splitAddressList(raw)
	pending := ""
	for i, item := range parts {
		if i+1 < len(parts) && strings.TrimSpace(item) != "" && !strings.ContainsAny(item, "@<") {
			pending += item + ","
			continue
		}
		item, pending = pending+item, ""
		if a, ok := parseMailbox(item, hint); ok {
			out = append(out, a)
		}
	}
	return out
}

// ParseAddress parses the first mailbox of a raw header value.
func ParseAddress(raw, hint string) (Address, bool) {
	list := ParseAddressList(raw, hint)
	if len(list) == 0 {
		return Address{}, false
	}
	return list[0], true
}

func splitAddressList(s string) []string {
	var parts []string
	depthAngle, depthParen := 0, 0
	inQuote := false
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && inQuote:
			i++
		case c == '"' && depthParen == 0:
			inQuote = !inQuote
		case inQuote:
		case c == '(':
			depthParen++
		case c == ')' && depthParen > 0:
			depthParen--
		case depthParen > 0:
		case c == '<':
			depthAngle++
		case c == '>' && depthAngle > 0:
			depthAngle--
		case depthAngle > 0:
		case c == ':':
			// group name: "undisclosed-recipients:" or "Team: a@b, c@d;"
			if !strings.Contains(s[start:i], "@") {
				start = i + 1
			}
		case c == ',' || c == ';':
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	parts = append(parts, s[start:])
	return parts
}

func parseMailbox(s, hint string) (Address, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Address{}, false
	}
	var name, addr string
	if lt := strings.LastIndexByte(s, '<'); lt >= 0 {
		gt := strings.IndexByte(s[lt:], '>')
		if gt < 0 {
			addr = s[lt+1:]
		} else {
			addr = s[lt+1 : lt+gt]
		}
		name = s[:lt]
	} else {
		// bare address, possibly with a trailing (comment) name
		name = ""
		if p := strings.IndexByte(s, '('); p >= 0 {
			if q := strings.LastIndexByte(s, ')'); q > p {
				name = s[p+1 : q]
			}
			addr = s[:p]
		} else {
			addr = s
		}
		if fields := strings.Fields(addr); !strings.Contains(addr, "@") || len(fields) > 1 {
			// "Name addr@example" without brackets, the name perhaps an
			// encoded-word: the last token with an @ is the address.
			fields = strings.Fields(s)
			name = ""
			for i, f := range fields {
				if strings.Contains(f, "@") {
					addr = f
					name = strings.Join(fields[:i], " ")
					break
				}
			}
		}
	}
	addr = cleanAddr(addr)
	if strings.Contains(addr, "=?") {
		// spam encodes the address itself; decode it so that it can be read
		addr = cleanAddr(DecodeHeader(addr, hint))
	}
	name, hidden := stripInvisible(cleanDisplayName(name, hint))
	name = collapseSpace(strings.TrimSpace(name))
	if addr == "" && name == "" {
		return Address{}, false
	}
	a := Address{Name: name, Address: addr, Hidden: hidden}
	if at := strings.LastIndexByte(addr, '@'); at >= 0 {
		a.Domain = NormalizeDomain(addr[at+1:])
	}
	return a, true
}

func cleanAddr(a string) string {
	a = strings.TrimSpace(a)
	a = strings.Trim(a, "<>\"' ")
	if strings.HasPrefix(strings.ToLower(a), "mailto:") {
		a = a[len("mailto:"):]
	}
	// source routes: <@relay:user@example>
	if strings.HasPrefix(a, "@") {
		if i := strings.IndexByte(a, ':'); i >= 0 {
			a = a[i+1:]
		}
	}
	return strings.ReplaceAll(a, " ", "")
}

func cleanDisplayName(n, hint string) string {
	n = strings.TrimSpace(n)
	if len(n) >= 2 && n[0] == '"' && n[len(n)-1] == '"' {
		n = strings.ReplaceAll(n[1:len(n)-1], `\"`, `"`)
		n = strings.ReplaceAll(n, `\\`, `\`)
	}
	n = DecodeHeader(n, hint)
	n = strings.TrimSpace(strings.Trim(strings.TrimSpace(n), `"'`))
	return collapseSpace(n)
}

// NormalizeDomain lower-cases a domain and strips brackets, trailing dots
// and surrounding punctuation.
func NormalizeDomain(d string) string {
	d = strings.TrimSpace(d)
	d = strings.Trim(d, "<>[]()\"'.,; ")
	return strings.ToLower(d)
}

func collapseSpace(s string) string {
	if !strings.ContainsAny(s, "\t\r\n  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// AddrDomain returns the lower-cased domain of an address, or "".
func AddrDomain(addr string) string {
	if at := strings.LastIndexByte(addr, '@'); at >= 0 {
		return NormalizeDomain(addr[at+1:])
	}
	return ""
}
