package mekiki

import (
	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/mail"
)

// MessageAuth is the sender authentication mekiki trusted, so that a SIEM
// rule or an analyst can read it without parsing findings: the results
// the receiving side wrote (or mekiki's live verification) and whose they
// are. Results the sender could have written are never shown here.
type MessageAuth struct {
	// Source is whose results these are: the receiver's authserv-id
	// ("mx.example.co.jp", "mx.google.com"), the hosted platform's id when
	// it writes none ("microsoft365"), "mekiki-live" for mekiki's own
	// online verification, or "" when no result was trusted.
	Source string `json:"source"`
	// Platform is the hosted platform that received the message
	// ("microsoft365", "google"), or "".
	Platform string        `json:"platform"`
	SPF      *AuthVerdict  `json:"spf"`
	DKIM     []AuthVerdict `json:"dkim"`
	DMARC    *AuthVerdict  `json:"dmarc"`
	// CompAuth is Microsoft's composite authentication, where given.
	CompAuth *AuthVerdict `json:"compauth,omitempty"`
	// Receiver holds the platform's other receiver-written facts, where
	// present.
	Receiver *ReceiverFacts `json:"receiver,omitempty"`
}

// AuthVerdict is one trusted result: "pass", "fail", "softfail", "none" …
// and the domain it is about (smtp.mailfrom for SPF, header.d for DKIM,
// header.from for DMARC).
type AuthVerdict struct {
	Result string `json:"result"`
	Domain string `json:"domain"`
	// Reason is the compauth reason code ("000", "001", "601" …).
	Reason string `json:"reason,omitempty"`
	// Action is what the receiver did on DMARC ("none", "oreject" …).
	Action string `json:"action,omitempty"`
}

// ReceiverFacts are what Microsoft 365 wrote about the message:
// X-MS-Exchange-Organization-MessageDirectionality and -AuthAs, and from
// X-Forefront-Antispam-Report the connecting IP (CIP), the spam-filter
// verdict (SFV), the policy applied (CAT) and the spam confidence level.
type ReceiverFacts struct {
	Directionality string `json:"directionality,omitempty"`
	AuthAs         string `json:"auth_as,omitempty"`
	ConnectingIP   string `json:"connecting_ip,omitempty"`
	Verdict        string `json:"verdict,omitempty"`
	Category       string `json:"category,omitempty"`
	SCL            string `json:"scl,omitempty"`
}

// messageAuth summarises the results the checks trusted.
func messageAuth(in *check.Input) MessageAuth {
	a := MessageAuth{Source: in.AuthSource(), DKIM: []AuthVerdict{}}
	if in.Receiver != nil {
		a.Platform = in.Receiver.ID
	}
	verdict := func(r mail.AuthResult) *AuthVerdict {
		return &AuthVerdict{Result: r.Result, Domain: r.Domain, Reason: r.Reason, Action: r.Action}
	}
	for _, r := range in.Auth {
		switch r.Method {
		case "spf":
			if a.SPF == nil {
				a.SPF = verdict(r)
			}
		case "dkim":
			a.DKIM = append(a.DKIM, *verdict(r))
		case "dmarc":
			if a.DMARC == nil {
				a.DMARC = verdict(r)
			}
		case "compauth":
			if a.CompAuth == nil {
				a.CompAuth = verdict(r)
			}
		}
	}
	if f := in.Facts; f != nil && (f.Directionality != "" || f.AuthAs != "" || f.ConnectingIP.IsValid() || f.Verdict != "" || f.Category != "" || f.SCL != "") {
		a.Receiver = &ReceiverFacts{Directionality: f.Directionality, AuthAs: f.AuthAs, Verdict: f.Verdict, Category: f.Category, SCL: f.SCL}
		if f.ConnectingIP.IsValid() {
			a.Receiver.ConnectingIP = f.ConnectingIP.String()
		}
	}
	return a
}
