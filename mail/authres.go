package mail

import (
	"strings"

	"github.com/emersion/go-msgauth/authres"
)

// AuthResult is one method result from an Authentication-Results field
// (RFC 8601), e.g. spf=fail smtp.mailfrom=example.com.
type AuthResult struct {
	ServID string `json:"authserv_id"`
	Index  int    `json:"index"` // position of the field in the header block
	Method string `json:"method"`
	Result string `json:"result"`
	// Domain is the identity the result is about: header.d for DKIM,
	// smtp.mailfrom (or its domain) for SPF, header.from for DMARC.
	Domain string `json:"domain,omitempty"`
}

// parseAuthResults parses one Authentication-Results value. Comments are
// stripped first (the library does not skip them, and receivers put
// semicolons and "=" inside them).
func parseAuthResults(v string, index int) []AuthResult {
	v = stripComments(v)
	if first, _, _ := strings.Cut(v, ";"); strings.Contains(first, "=") {
		// Some receivers (Exchange Online among them) omit the authserv-id.
		v = "-; " + v
	}
	id, results, _ := authres.Parse(v)
	id = strings.ToLower(strings.TrimSpace(id))
	var out []AuthResult
	for _, r := range results {
		ar := AuthResult{ServID: id, Index: index}
		switch x := r.(type) {
		case *authres.SPFResult:
			ar.Method, ar.Result = "spf", string(x.Value)
			ar.Domain = AddrDomainOrSelf(x.From)
			if ar.Domain == "" {
				ar.Domain = NormalizeDomain(x.Helo)
			}
		case *authres.DKIMResult:
			ar.Method, ar.Result, ar.Domain = "dkim", string(x.Value), NormalizeDomain(x.Domain)
			if ar.Domain == "" {
				ar.Domain = AddrDomainOrSelf(x.Identifier)
			}
		case *authres.DMARCResult:
			ar.Method, ar.Result, ar.Domain = "dmarc", string(x.Value), NormalizeDomain(x.From)
		case *authres.GenericResult:
			ar.Method, ar.Result = x.Method, string(x.Value)
		default:
			continue
		}
		ar.Result = strings.ToLower(ar.Result)
		out = append(out, ar)
	}
	return out
}

// AddrDomainOrSelf returns the domain of an address, or the value itself
// when it is already a bare domain.
func AddrDomainOrSelf(s string) string {
	if strings.Contains(s, "@") {
		return AddrDomain(s)
	}
	return NormalizeDomain(s)
}

// stripComments removes RFC 5322 comments (nested parentheses) outside
// quoted strings.
func stripComments(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	var b strings.Builder
	depth := 0
	inQuote := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' && depth == 0:
			inQuote = !inQuote
			b.WriteByte(c)
		case inQuote:
			b.WriteByte(c)
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
			if depth == 0 {
				b.WriteByte(' ')
			}
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}
