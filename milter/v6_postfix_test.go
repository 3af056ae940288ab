package milter

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/mekiki/mekiki/internal/dnstest"
)

// TestPostfixNegotiatesV6 sends one message with many header fields and
// a body of several chunks through the real Postfix, and checks that the
// milter and Postfix settled protocol version 6 with the no-reply
// options and the header values' leading space: the milter writes the
// negotiation, its three X-Mekiki-* fields and the accept, nothing for
// the connection, envelope, header fields or body chunks (under version
// 2 it replied to each of them, some sixty packets here).
func TestPostfixNegotiatesV6(t *testing.T) {
	var log lockedBuffer
	s, maddr := start(t, DefaultPolicy(), Config{Logger: slog.New(slog.NewJSONHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	pf := postfix(t, maddr, "example-corp.co.jp")
	var raw strings.Builder
	raw.WriteString("From: Taro <taro@example.org>\r\nTo: hanako@example-corp.co.jp\r\nSubject: minutes\r\nDate: Mon, 3 Mar 2025 09:00:00 +0900\r\nMessage-ID: <v6-1@example.org>\r\n")
	raw.WriteString("X-Tight:no space\r\nX-Wide:   three spaces\r\nX-Tab:\ttab\r\n")
	const fillers = 40
	for i := range fillers {
		fmt.Fprintf(&raw, "X-Filler-%d: %d\r\n", i, i)
	}
	raw.WriteString("\r\n")
	for i := range 4000 {
		fmt.Fprintf(&raw, "line %d of the minutes, nothing to see here\r\n", i)
	}
	got := deliverOne(t, pf, []byte(raw.String()))

	conns := testutil.ToFloat64(s.cfg.Metrics.negotiated.WithLabelValues("6"))
	packets := testutil.ToFloat64(s.cfg.Metrics.packets)
	t.Logf("connections negotiated at version 6: %g; packets the milter wrote: %g", conns, packets)
	if conns < 1 {
		t.Fatalf("no connection negotiated version 6; log:\n%s", log.b.String())
	}
	log.mu.Lock()
	text := log.b.String()
	log.mu.Unlock()
	for _, opt := range []string{"OptNoConnReply", "OptNoHeloReply", "OptNoMailReply", "OptNoRcptReply", "OptNoHeaderReply", "OptNoEOHReply", "OptNoBodyReply", "OptHeaderLeadingSpace"} {
		if !strings.Contains(text, opt) {
			t.Errorf("the negotiated protocol lacks %s; log:\n%s", opt, text)
		}
	}
	// One negotiation per connection, then for the message three added
	// fields and the accept.
	if want := conns + 4; packets != want {
		t.Errorf("the milter wrote %g packets, want %g (no reply before end of data)", packets, want)
	}
	// The fields the milter writes keep their space after the colon
	// (with the leading space negotiated the value carries it), and
	// Postfix keeps the message's own as they came.
	head, _, _ := bytes.Cut(got, []byte("\n\n"))
	for _, want := range []string{"\nX-Mekiki-Verdict: clean\n", "\nX-Mekiki-Score: ", "\nX-Tight:no space\n", "\nX-Wide:   three spaces\n", "\nX-Tab:\ttab\n"} {
		if !bytes.Contains(head, []byte(want)) {
			t.Errorf("delivered header lacks %q:\n%s", want, head)
		}
	}
}

// TestPostfixVerifiesSimpleDKIM: a signature with simple header
// canonicalization covers the fields byte for byte, so it verifies only
// when the milter rebuilds "Subject:…" without a space and "To:\t…" as
// they were signed; under protocol version 2 Postfix ate the first space
// and the milter put back one where there had been none, and the
// signature failed.
func TestPostfixVerifiesSimpleDKIM(t *testing.T) {
	zone, key := corpZone(t)
	dnsAddr := dnstest.Serve(t, zone)
	_, maddr := start(t, DefaultPolicy(), Config{Verifier: verifier(dnsAddr, 2*time.Second), AuthServID: testServID})
	pf := postfixWith(t, maddr, []string{"smtpd_authorized_xclient_hosts = 127.0.0.0/8"}, "example-corp.co.jp")
	msg := itNotice("")
	msg = bytes.Replace(msg, []byte("\r\nSubject: "), []byte("\r\nSubject:"), 1)
	msg = bytes.Replace(msg, []byte("\r\nTo: "), []byte("\r\nTo:\t"), 1)
	msg = bytes.Replace(msg, []byte("\r\nDate: "), []byte("\r\nDate:  "), 1)
	var signed bytes.Buffer
	err := dkim.Sign(&signed, bytes.NewReader(msg), &dkim.SignOptions{Domain: "example-corp.co.jp", Selector: "s1", Signer: key,
		HeaderCanonicalization: dkim.CanonicalizationSimple, BodyCanonicalization: dkim.CanonicalizationSimple,
		HeaderKeys: []string{"From", "To", "Subject", "Date", "Message-ID"}})
	if err != nil {
		t.Fatal(err)
	}
	raw := withCase("simple", signed.Bytes())
	smtpAs(t, pf.Addr, "ADDR="+corpIP+" NAME="+corpHost+" HELO="+corpHost, corpHost, "it-admin@example-corp.co.jp", "hanako@example-corp.co.jp", raw)
	if err := pf.Settle(1, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	msgs, err := pf.Delivered()
	if err != nil || len(msgs) != 1 {
		t.Fatalf("delivered %d (%v)", len(msgs), err)
	}
	ar := authHeaders(msgs[0])
	t.Logf("Authentication-Results %q, verdict %v", ar, headerOf(msgs[0], HeaderVerdict))
	if len(ar) != 1 {
		t.Fatalf("Authentication-Results %q, want the milter's one", ar)
	}
	for _, want := range []string{"dkim=pass header.d=example-corp.co.jp", "dmarc=pass header.from=example-corp.co.jp"} {
		if !strings.Contains(ar[0], want) {
			t.Errorf("%q lacks %q", ar[0], want)
		}
	}
	if !bytes.Contains(msgs[0], []byte("\nAuthentication-Results: "+testServID+";")) {
		t.Errorf("the milter's field lacks its space after the colon:\n%s", msgs[0])
	}
}
