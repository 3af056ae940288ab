package mekiki

import (
	"context"
	"io"
	"net/netip"
	"strings"

	"github.com/mekiki/mekiki/mail"
)

// Envelope is what the SMTP session told the receiving server about a
// message, before any header was read: who connected, how it greeted, the
// envelope sender and the recipients. A milter has it first hand, so it
// outranks what the headers claim: the connecting client is the origin
// (unless it is one of Options.TrustedHosts or a private address, when the
// Received chain is followed as usual), MAIL FROM is the Return-Path, and
// the RCPT TO addresses are the recipients.
type Envelope struct {
	// ClientIP is the connecting client's address.
	ClientIP netip.Addr
	// ClientName is the client's host name as the server verified it;
	// empty or "unknown" when it has none.
	ClientName string
	// Helo is the name the client gave in HELO/EHLO.
	Helo string
	// MailFrom is the MAIL FROM address without brackets; empty is the
	// null sender of bounces.
	MailFrom string
	// Rcpt are the RCPT TO addresses without brackets.
	Rcpt []string

	// Auth, when not nil, are the SPF, DKIM and DMARC results the
	// receiving server verified itself for this message (the milter is
	// the receiver): the auth checks read these, and no
	// Authentication-Results field of the message. Empty but not nil
	// means verified with nothing to report.
	Auth []mail.AuthResult
	// Internal says how the MTA proved that the client is the
	// organisation's own, or is empty for mail from outside: one of
	// InternalSASL, InternalSubmission, InternalTrustedHost. SASL and
	// submission mail originates inside the organisation (no outside
	// origin, no own-domain spoof, no sender authentication to read);
	// a trusted host is one of the organisation's relays, whose mail is
	// followed down its Received chain as usual. The content and link
	// checks run on every message.
	Internal string
	// AuthUser is the SASL login name ({auth_authen}) with InternalSASL.
	AuthUser string
}

// How the MTA proved a client internal (Envelope.Internal).
const (
	InternalSASL        = "sasl"         // SMTP AUTH ({auth_authen})
	InternalSubmission  = "submission"   // a submission service ({daemon_name})
	InternalTrustedHost = "trusted_host" // one of the trusted hosts (mynetworks)
)

// submitted reports mail that a colleague submitted: it has no origin
// outside the organisation.
func (env *Envelope) submitted() bool {
	return env != nil && (env.Internal == InternalSASL || env.Internal == InternalSubmission)
}

// AnalyzeEnvelope is Analyze for a message received over SMTP with env
// (a milter, a content filter).
func (a *Analyzer) AnalyzeEnvelope(ctx context.Context, r io.Reader, env Envelope) (*Report, error) {
	return a.analyze(ctx, r, &env, false)
}

// apply makes the envelope's facts the message's: MAIL FROM as the
// Return-Path, the recipients first among the delivery addresses, and the
// client as the newest Received hop.
func (env *Envelope) apply(m *mail.Message) {
	m.ReturnPath = env.MailFrom
	if env.MailFrom == "" && !m.Header.Has("Return-Path") {
		m.Header = append(m.Header, mail.Field{Name: "Return-Path", Value: "<>"})
	}
	rcpt := make([]string, 0, len(env.Rcpt)+len(m.DeliveredTo))
	for _, r := range env.Rcpt {
		if r = strings.ToLower(strings.Trim(r, "<> ")); r != "" {
			rcpt = append(rcpt, r)
		}
	}
	m.DeliveredTo = append(rcpt, m.DeliveredTo...)
	if !env.ClientIP.IsValid() {
		return
	}
	name := env.ClientName
	if strings.EqualFold(name, "unknown") || strings.HasPrefix(name, "[") {
		name = ""
	}
	// Index -1: above every Received field of the message, which are all
	// older than this hand-off.
	hop := mail.Hop{Index: -1, From: env.Helo, Helo: env.Helo, RDNS: strings.ToLower(strings.TrimSuffix(name, ".")), IP: env.ClientIP.Unmap(), With: "SMTP"}
	m.Received = append([]mail.Hop{hop}, m.Received...)
}
