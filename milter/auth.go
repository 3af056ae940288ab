package milter

import (
	"context"
	"net/netip"
	"slices"
	"strings"

	gomilter "github.com/d--j/go-milter"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/mail"
	"github.com/mekiki/mekiki/online"
)

// HeaderAuthResults is the field the milter writes with the SPF, DKIM
// and DMARC results it verified, under Config.AuthServID.
const HeaderAuthResults = "Authentication-Results"

// DefaultSubmissionDaemons are the {daemon_name} values that mark a
// submission service: the master.cf service names, and ORIGINATING, the
// milter_macro_daemon_name Postfix's own master.cf suggests for them.
var DefaultSubmissionDaemons = []string{"submission", "smtps", "submissions", "ORIGINATING"}

// Macros the milter reads: Postfix sends both by default
// (milter_connect_macros, milter_mail_macros).
const (
	macroDaemonName = "{daemon_name}"
	macroAuthAuthen = "{auth_authen}"
)

// internal says how the MTA proved the client internal (the constants
// mekiki.Internal*), or "".
func (c *session) internal() string {
	cfg := &c.srv.cfg
	switch {
	case c.authUser != "":
		return mekiki.InternalSASL
	case c.daemonName != "" && slices.ContainsFunc(cfg.SubmissionDaemons, func(d string) bool { return strings.EqualFold(d, c.daemonName) }):
		return mekiki.InternalSubmission
	case trustedClient(cfg.TrustedHosts, c.client, c.clientName):
		return mekiki.InternalTrustedHost
	}
	return ""
}

// trustedClient reports a client in hosts: IPs, CIDR prefixes, or host
// name suffixes of its verified name.
func trustedClient(hosts []string, ip netip.Addr, name string) bool {
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	if strings.EqualFold(name, "unknown") || strings.HasPrefix(name, "[") {
		name = ""
	}
	for _, h := range hosts {
		if p, err := netip.ParsePrefix(h); err == nil {
			if ip.IsValid() && p.Contains(ip) {
				return true
			}
		} else if a, err := netip.ParseAddr(h); err == nil {
			if a.Unmap() == ip {
				return true
			}
		} else if h != "" && name != "" && domain.Under(name, strings.ToLower(h)) {
			return true
		}
	}
	return false
}

// authCheck is what the milter verified about a message before judging
// it: results for the envelope, and the field to write.
type authCheck struct {
	// header is the Authentication-Results value to write; empty writes
	// none (no verification, or a trusted host's mail).
	header string
	// removeForged: remove the message's fields claiming AuthServID.
	removeForged bool
	failures     []string
}

// authenticate verifies the message (Config.Verifier) and sets env.Auth:
// mail from outside is verified; a colleague's submission gets no
// sender authentication (the MTA authenticated the client) but an
// "auth=pass" result; a trusted host's mail is left to the results it
// carries.
func (c *session) authenticate(env *mekiki.Envelope) authCheck {
	cfg := &c.srv.cfg
	if cfg.Verifier == nil {
		return authCheck{}
	}
	id := cfg.AuthServID
	switch env.Internal {
	case mekiki.InternalTrustedHost:
		return authCheck{}
	case mekiki.InternalSASL:
		env.Auth = []mail.AuthResult{}
		return authCheck{header: id + "; auth=pass", removeForged: true}
	case mekiki.InternalSubmission:
		env.Auth = []mail.AuthResult{}
		return authCheck{header: id + "; none", removeForged: true}
	}
	q := online.Query{OriginIP: c.client, Helo: c.helo, EnvelopeFrom: c.mailFrom, FromDomain: c.fromDomain()}
	if !c.truncated {
		q.Raw = c.raw.Bytes()
	}
	v := cfg.Verifier.Verify(context.Background(), q, id)
	env.Auth = v.Auth
	if env.Auth == nil {
		env.Auth = []mail.AuthResult{}
	}
	if c.truncated {
		// The signatures cover bytes that were not kept: not verified,
		// and DMARC not failed for it.
		env.Auth = append(env.Auth, mail.AuthResult{ServID: id, Method: "dkim", Result: "neutral"})
		for i, r := range env.Auth {
			if r.Method == "dmarc" && r.Result == "fail" {
				env.Auth[i].Result = "temperror"
			}
		}
	}
	return authCheck{header: formatAuthResults(id, env.Auth, v.Helo, c.truncated), removeForged: true, failures: v.Failures}
}

// fromDomain is the domain of the message's first From address.
func (c *session) fromDomain() string {
	if a, ok := mail.ParseAddress(c.from, ""); ok {
		return a.Domain
	}
	return ""
}

// formatAuthResults writes the RFC 8601 value: the authserv-id, then
// one result per line (SPF for MAIL FROM, SPF for HELO, every DKIM
// signature, DMARC).
func formatAuthResults(id string, rs []mail.AuthResult, helo *mail.AuthResult, truncated bool) string {
	var parts []string
	add := func(r mail.AuthResult, ptype, comment string) {
		s := r.Method + "=" + r.Result
		if comment != "" {
			s += " (" + comment + ")"
		}
		if d := r.Domain; d != "" && safeValue(d) {
			s += " " + ptype + "=" + d
		}
		parts = append(parts, s)
	}
	for _, r := range rs {
		if r.Method == "spf" {
			add(r, "smtp.mailfrom", "")
		}
	}
	if helo != nil {
		add(*helo, "smtp.helo", "")
	}
	for _, r := range rs {
		if r.Method == "dkim" {
			comment := ""
			if r.Result == "neutral" && truncated {
				comment = "message too large to verify"
			}
			add(r, "header.d", comment)
		}
	}
	for _, r := range rs {
		if r.Method == "dmarc" {
			add(r, "header.from", "")
		}
	}
	if len(parts) == 0 {
		return id + "; none"
	}
	return id + ";\r\n\t" + strings.Join(parts, ";\r\n\t")
}

// safeValue reports a domain that can be written as a property value
// without quoting (and without letting a sender's text into the field).
func safeValue(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return len(s) <= 253
}

// authServIDOf is the authserv-id of an Authentication-Results value, in
// lower case.
func authServIDOf(v string) string {
	v = strings.TrimSpace(v)
	for strings.HasPrefix(v, "(") {
		// A comment before the id.
		end := strings.IndexByte(v, ')')
		if end < 0 {
			return ""
		}
		v = strings.TrimSpace(v[end+1:])
	}
	end := strings.IndexAny(v, "; \t\r\n(")
	if end >= 0 {
		v = v[:end]
	}
	return strings.ToLower(v)
}

// ValidAuthServID reports an authserv-id the milter can write: a
// domain-like token.
func ValidAuthServID(id string) bool {
	return id != "" && safeValue(id)
}

// writeAuth removes the forged Authentication-Results fields (highest
// index first: removing one renumbers the later ones) and inserts the
// milter's on top.
func (c *session) writeAuth(m gomilter.Modifier, ac authCheck) error {
	if ac.removeForged {
		for i := len(c.forgedAuth) - 1; i >= 0; i-- {
			if err := m.ChangeHeader(c.forgedAuth[i], HeaderAuthResults, ""); err != nil {
				return err
			}
		}
	}
	if ac.header == "" {
		return nil
	}
	return m.InsertHeader(0, HeaderAuthResults, c.value(ac.header))
}
