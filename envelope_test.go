package mekiki

import (
	"context"
	"net/netip"
	"strings"
	"testing"
)

// bareSpoof has no trace headers at all: what a milter sees before the
// server adds its own. Only the envelope tells where it came from.
const bareSpoof = "From: =?UTF-8?B?44K344K544OG44Og566h55CG6ICF?= <admin@example-corp.co.jp>\r\n" +
	"To: hanako@example-corp.co.jp\r\n" +
	"Subject: quota\r\n" +
	"Message-ID: <q1@bulk.sender-vps.example.net>\r\n" +
	"\r\n" +
	"sign in at https://mailbox-quota.example.net/login\r\n"

func hasFinding(rep *Report, id string) bool {
	for _, f := range rep.Findings {
		if string(f.ID) == id {
			return true
		}
	}
	return false
}

func TestEnvelopeFeedsOriginAndSender(t *testing.T) {
	a, _ := New(Options{})
	plain, err := a.Analyze(context.Background(), strings.NewReader(bareSpoof))
	if err != nil {
		t.Fatal(err)
	}
	if hasFinding(plain, "sender.own_domain_spoof") || plain.Message.Origin.IP != "" {
		t.Fatalf("without an envelope there is no origin to judge: %+v", plain.Message.Origin)
	}
	env := Envelope{ClientIP: netip.MustParseAddr("198.51.100.7"), ClientName: "bulk.sender-vps.example.net",
		Helo: "bulk.sender-vps.example.net", MailFrom: "bounce@sender-vps.example.net", Rcpt: []string{"<Hanako@example-corp.co.jp>"}}
	rep, err := a.AnalyzeEnvelope(context.Background(), strings.NewReader(bareSpoof), env)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Message.Origin.IP != "198.51.100.7" || rep.Message.Origin.RDNS != "bulk.sender-vps.example.net" {
		t.Errorf("origin %+v, want the SMTP client", rep.Message.Origin)
	}
	if rep.Message.ReturnPath != "bounce@sender-vps.example.net" {
		t.Errorf("return path %q, want MAIL FROM", rep.Message.ReturnPath)
	}
	if !hasFinding(rep, "sender.own_domain_spoof") || !hasFinding(rep, "sender.header_mismatch") {
		t.Errorf("envelope facts did not reach the sender checks: %v", rep.Findings)
	}
}

func TestEnvelopeTrustedClientFollowsReceived(t *testing.T) {
	// A relay of the organisation hands the message on: the origin is the
	// first external hop of the Received chain, not the relay.
	msg := "Received: from out.example.net (out.example.net [203.0.113.8]) by relay.example-corp.co.jp; Sun, 15 Nov 2026 02:00:02 +0900\r\n" + bareSpoof
	a, _ := New(Options{TrustedHosts: []string{"192.0.2.0/24"}})
	rep, err := a.AnalyzeEnvelope(context.Background(), strings.NewReader(msg),
		Envelope{ClientIP: netip.MustParseAddr("192.0.2.25"), Helo: "relay.example-corp.co.jp", MailFrom: ""})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Message.Origin.IP != "203.0.113.8" {
		t.Errorf("origin %q, want the hop before the trusted relay", rep.Message.Origin.IP)
	}
	if rep.Message.ReturnPath != "" {
		t.Errorf("null sender became %q", rep.Message.ReturnPath)
	}
}
