package mail

import (
	"strconv"
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
	// Reason is the reason code given with the result: Microsoft's
	// compauth reasons ("000" explicit DMARC fail, "001" implicit fail,
	// "1xx" pass, "6xx" intra-organisation spoof …).
	Reason string `json:"reason,omitempty"`
	// Action is what the receiver did about a DMARC result ("none",
	// "oreject", "quarantine" …).
	Action string `json:"action,omitempty"`
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
	if id == "-" {
		id = ""
	}
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
			ar.Action = strings.ToLower(resinfoParam(v, "dmarc", "action"))
		case *authres.GenericResult:
			ar.Method, ar.Result = x.Method, string(x.Value)
			ar.Reason = strings.Trim(x.Params["reason"], `"`)
		default:
			continue
		}
		ar.Result = strings.ToLower(ar.Result)
		if ar.Domain == "none" { // Microsoft's "header.d=none" for an unsigned message
			ar.Domain = ""
		}
		out = append(out, ar)
	}
	return out
}

// resinfoParam returns the value of key in the first result of method
// in a comment-free Authentication-Results value, or "".
func resinfoParam(v, method, key string) string {
	for _, ri := range strings.Split(v, ";") {
		f := strings.Fields(ri)
		if len(f) == 0 || !strings.HasPrefix(lowerASCII(f[0]), method+"=") {
			continue
		}
		for _, p := range f[1:] {
			if k, val, ok := strings.Cut(p, "="); ok && strings.EqualFold(k, key) {
				return val
			}
		}
		return ""
	}
	return ""
}

// ParseARCAuthResults parses an ARC-Authentication-Results value
// (RFC 8617): its instance "i=N" and the Authentication-Results it
// carries, index being the field's position in the header block.
func ParseARCAuthResults(v string, index int) (int, []AuthResult) {
	tag, rest, ok := strings.Cut(v, ";")
	if !ok {
		return 0, nil
	}
	k, n, ok := strings.Cut(strings.TrimSpace(tag), "=")
	if !ok || !strings.EqualFold(strings.TrimSpace(k), "i") {
		return 0, nil
	}
	i, err := strconv.Atoi(strings.TrimSpace(n))
	if err != nil || i < 1 {
		return 0, nil
	}
	return i, parseAuthResults(rest, index)
}

// ParseReceivedSPF reads a Received-SPF value (RFC 7208 section 9.1), as
// Exchange Online and Gmail write it: "Fail (protection.outlook.com:
// domain of example.net does not designate 192.0.2.1 as permitted
// sender) receiver=protection.outlook.com; client-ip=192.0.2.1;
// helo=mail.example.net;". ServID is the receiver it names.
func ParseReceivedSPF(v string, index int) (AuthResult, bool) {
	r := AuthResult{Method: "spf", Index: index}
	f := strings.Fields(v)
	if len(f) == 0 {
		return r, false
	}
	switch res := lowerASCII(strings.Trim(f[0], "();")); res {
	case "pass", "fail", "softfail", "neutral", "none", "temperror", "permerror":
		r.Result = res
	default:
		return r, false
	}
	comment := ""
	if i := strings.IndexByte(v, '('); i >= 0 {
		if j := strings.IndexByte(v[i:], ')'); j >= 0 {
			comment = v[i+1 : i+j]
		}
	}
	if who, rest, ok := strings.Cut(comment, ":"); ok && !strings.ContainsAny(who, " \t") {
		r.ServID = NormalizeDomain(who)
		if _, after, ok := strings.Cut(lowerASCII(rest), "domain of "); ok {
			if w := strings.Fields(after); len(w) > 0 && (w[0] != "transitioning" || len(w) > 1) {
				d := w[0]
				if d == "transitioning" { // Exchange: "domain of transitioning example.com"
					d = w[1]
				}
				r.Domain = AddrDomainOrSelf(d)
			}
		}
	}
	for _, kv := range strings.FieldsFunc(stripComments(v), func(c rune) bool { return c == ';' || c == ' ' || c == '\t' || c == '\r' || c == '\n' }) {
		k, val, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		switch lowerASCII(k) {
		case "receiver":
			if r.ServID == "" {
				r.ServID = NormalizeDomain(val)
			}
		case "envelope-from":
			if d := AddrDomainOrSelf(strings.Trim(val, `"<>`)); d != "" {
				r.Domain = d
			}
		}
	}
	return r, true
}

// ForefrontReport reads Exchange Online's X-Forefront-Antispam-Report
// ("CIP:192.0.2.1;CTRY:JP;SCL:5;SFV:SPM;CAT:PHSH;…;DIR:INB;") into its
// fields by name: CIP the connecting IP, SFV the spam-filter verdict, CAT
// the protection policy applied (PHSH, SPOOF, SPM …), SCL the spam
// confidence level.
func ForefrontReport(v string) map[string]string {
	out := map[string]string{}
	for _, kv := range strings.Split(v, ";") {
		k, val, ok := strings.Cut(strings.TrimSpace(kv), ":")
		if !ok || k == "" || len(out) >= 32 {
			continue
		}
		if _, seen := out[strings.ToUpper(k)]; !seen {
			out[strings.ToUpper(k)] = strings.TrimSpace(val)
		}
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
