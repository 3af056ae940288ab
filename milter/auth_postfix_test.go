package milter

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"net"
	"net/netip"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"
	"github.com/miekg/dns"

	"github.com/mekiki/mekiki/internal/dnstest"
	"github.com/mekiki/mekiki/online"
)

// The company of these tests: example-corp.co.jp sends from 192.0.2.25
// (SPF), signs with selector s1 (DKIM) and asks to reject (DMARC).
const (
	corpIP     = "192.0.2.25"
	corpHost   = "mail.example-corp.co.jp"
	outsideIP  = "203.0.113.66"
	outside    = "vps.attacker-host.example"
	testServID = "mx.mekiki-test.example"
)

func corpZone(t *testing.T) (dnstest.Zone, ed25519.PrivateKey) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return dnstest.Zone{
		"example-corp.co.jp.":               {dns.TypeTXT: {`"v=spf1 ip4:` + corpIP + ` -all"`}, dns.TypeMX: {"10 " + corpHost + "."}},
		corpHost + ".":                      {dns.TypeTXT: {`"v=spf1 ip4:` + corpIP + ` -all"`}, dns.TypeA: {corpIP}},
		"s1._domainkey.example-corp.co.jp.": {dns.TypeTXT: {`"v=DKIM1; k=ed25519; p=` + base64.StdEncoding.EncodeToString(pub) + `"`}},
		"_dmarc.example-corp.co.jp.":        {dns.TypeTXT: {`"v=DMARC1; p=reject"`}},
		outside + ".":                       {dns.TypeA: {outsideIP}},
	}, key
}

// itNotice is the company's IT department asking staff to change their
// password: legitimate from the company, phishing from anyone else.
func itNotice(extra string) []byte {
	return []byte("From: IT Admin <it-admin@example-corp.co.jp>\r\nTo: all-staff@example-corp.co.jp\r\n" + extra +
		"Subject: =?UTF-8?B?44OR44K544Ov44O844OJ5aSJ5pu044Gu44GK6aGY44GE?=\r\nDate: Mon, 3 Mar 2025 09:00:00 +0900\r\n" +
		"Message-ID: <notice-1@example-corp.co.jp>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" +
		"社員各位\r\n\r\n本日中に以下のページからパスワードを変更してください。\r\n期限を過ぎるとアカウントが停止されます。\r\n" +
		"https://portal.example-corp.co.jp/password\r\n\r\n情報システム部\r\n")
}

func corpSigned(t *testing.T, key ed25519.PrivateKey, raw []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	err := dkim.Sign(&out, bytes.NewReader(raw), &dkim.SignOptions{Domain: "example-corp.co.jp", Selector: "s1", Signer: key,
		HeaderCanonicalization: dkim.CanonicalizationRelaxed, BodyCanonicalization: dkim.CanonicalizationRelaxed})
	if err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// verifier is the milter's verification through the DNS server at addr.
func verifier(addr string, deadline time.Duration) *online.Client {
	return online.New(online.Config{Resolver: addr, Deadline: deadline, LookupTimeout: deadline, DNSCache: online.NewDNSCache(0)})
}

// smtpAs sends raw through Postfix at addr as the client attrs name
// (XCLIENT ADDR=… NAME=… HELO=… LOGIN=…), and returns how long Postfix
// took to accept the data.
func smtpAs(t *testing.T, addr, attrs, helo, from, rcpt string, raw []byte) time.Duration {
	t.Helper()
	c, err := textproto.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	step := func(code int, format string, a ...any) {
		t.Helper()
		if format != "" {
			if err := c.PrintfLine(format, a...); err != nil {
				t.Fatal(err)
			}
		}
		if _, msg, err := c.ReadResponse(code); err != nil {
			t.Fatalf("%s: %v %s", format, err, msg)
		}
	}
	step(220, "")
	step(250, "EHLO test-client.example")
	if attrs != "" {
		step(220, "XCLIENT %s", attrs)
	}
	step(250, "EHLO %s", helo)
	step(250, "MAIL FROM:<%s>", from)
	step(250, "RCPT TO:<%s>", rcpt)
	step(354, "DATA")
	w := c.DotWriter()
	w.Write(raw)
	began := time.Now()
	w.Close()
	step(250, "")
	took := time.Since(began)
	c.PrintfLine("QUIT")
	return took
}

// authHeaders are the delivered message's Authentication-Results values,
// unfolded.
func authHeaders(raw []byte) []string { return unfolded(raw, HeaderAuthResults) }

// unfolded are the values of the named field, unfolded, spaces collapsed.
func unfolded(raw []byte, name string) []string {
	var out []string
	head, _, _ := bytes.Cut(raw, []byte("\n\n"))
	lines := strings.Split(strings.ReplaceAll(string(head), "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		k, v, ok := strings.Cut(lines[i], ":")
		if !ok || !strings.EqualFold(k, name) {
			continue
		}
		for i+1 < len(lines) && (strings.HasPrefix(lines[i+1], " ") || strings.HasPrefix(lines[i+1], "\t")) {
			i++
			v += " " + strings.TrimSpace(lines[i])
		}
		out = append(out, strings.Join(strings.Fields(v), " "))
	}
	return out
}

func TestPostfixVerifiesAuthentication(t *testing.T) {
	zone, key := corpZone(t)
	dnsAddr := dnstest.Serve(t, zone)
	_, maddr := start(t, DefaultPolicy(), Config{Verifier: verifier(dnsAddr, 2*time.Second), AuthServID: testServID})
	pf := postfixWith(t, maddr, []string{"smtpd_authorized_xclient_hosts = 127.0.0.0/8"}, "example-corp.co.jp")
	rcpt := "hanako@example-corp.co.jp"

	// The company's own server, signed with its key.
	own := withCase("own", corpSigned(t, key, itNotice("")))
	smtpAs(t, pf.Addr, "ADDR="+corpIP+" NAME="+corpHost+" HELO="+corpHost, corpHost, "it-admin@example-corp.co.jp", rcpt, own)
	// The same From from outside, unsigned, with a forged pass under the
	// milter's own authserv-id.
	forged := withCase("spoof", itNotice("Authentication-Results: "+testServID+"; spf=pass smtp.mailfrom=example-corp.co.jp; dkim=pass header.d=example-corp.co.jp; dmarc=pass header.from=example-corp.co.jp\r\n"))
	smtpAs(t, pf.Addr, "ADDR="+outsideIP+" NAME="+outside+" HELO="+outside, outside, "it-admin@example-corp.co.jp", rcpt, forged)
	if err := pf.Settle(2, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	msgs, err := pf.Delivered()
	if err != nil || len(msgs) != 2 {
		t.Fatalf("delivered %d (%v)", len(msgs), err)
	}
	for _, raw := range msgs {
		ar := authHeaders(raw)
		verdict, findings := headerOf(raw, HeaderVerdict), strings.Join(unfolded(raw, HeaderFindings), " ")
		t.Logf("%s: verdict %v, Authentication-Results %q, findings %s", testCase(raw), verdict, ar, findings)
		if len(ar) != 1 || !strings.HasPrefix(ar[0], testServID+"; ") {
			t.Errorf("%s: Authentication-Results %q, want one with %s", testCase(raw), ar, testServID)
			continue
		}
		switch testCase(raw) {
		case "own":
			for _, want := range []string{"spf=pass smtp.mailfrom=example-corp.co.jp", "dkim=pass header.d=example-corp.co.jp", "dmarc=pass header.from=example-corp.co.jp"} {
				if !strings.Contains(ar[0], want) {
					t.Errorf("own: %q lacks %q", ar[0], want)
				}
			}
			if len(verdict) != 1 || verdict[0] != "clean" {
				t.Errorf("own: verdict %v, want clean", verdict)
			}
			if strings.Contains(findings, "own_domain_spoof") || strings.Contains(findings, "auth.") {
				t.Errorf("own: findings %s", findings)
			}
		case "spoof":
			for _, want := range []string{"spf=fail smtp.mailfrom=example-corp.co.jp", "dmarc=fail header.from=example-corp.co.jp"} {
				if !strings.Contains(ar[0], want) {
					t.Errorf("spoof: %q lacks %q (the forged pass must be gone)", ar[0], want)
				}
			}
			if len(verdict) != 1 || verdict[0] != "phishing" {
				t.Errorf("spoof: verdict %v, want phishing", verdict)
			}
			for _, want := range []string{"auth.dmarc_fail", "sender.own_domain_spoof"} {
				if !strings.Contains(findings, want) {
					t.Errorf("spoof: findings %s lack %s", findings, want)
				}
			}
		default:
			t.Errorf("unexpected message %q", testCase(raw))
		}
	}
}

// silentDNS answers nothing: it reads queries on UDP and TCP and drops them.
func silentDNS(t *testing.T) string {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", pc.LocalAddr().String())
	if err != nil {
		pc.Close()
		t.Skipf("cannot listen on TCP %s: %v", pc.LocalAddr(), err)
	}
	go func() {
		buf := make([]byte, 4096)
		for {
			if _, _, err := pc.ReadFrom(buf); err != nil {
				return
			}
		}
	}()
	var held []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			held = append(held, c) // kept open, never answered
		}
	}()
	t.Cleanup(func() { pc.Close(); l.Close() })
	return pc.LocalAddr().String()
}

func TestPostfixDeliversWhenDNSDoesNotAnswer(t *testing.T) {
	const deadline = time.Second
	_, maddr := start(t, DefaultPolicy(), Config{Verifier: verifier(silentDNS(t), deadline), AuthServID: testServID})
	pf := postfixWith(t, maddr, []string{"smtpd_authorized_xclient_hosts = 127.0.0.0/8"}, "example-corp.co.jp")
	_, key := corpZone(t)
	took := smtpAs(t, pf.Addr, "ADDR="+corpIP+" NAME="+corpHost+" HELO="+corpHost, corpHost, "it-admin@example-corp.co.jp",
		"hanako@example-corp.co.jp", withCase("silent", corpSigned(t, key, itNotice(""))))
	if err := pf.Settle(1, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	msgs, _ := pf.Delivered()
	if len(msgs) != 1 {
		t.Fatalf("delivered %d, want 1", len(msgs))
	}
	ar := authHeaders(msgs[0])
	t.Logf("accepted %v after the data; Authentication-Results %q; verdict %v", took.Round(time.Millisecond), ar, headerOf(msgs[0], HeaderVerdict))
	if len(ar) != 1 || !strings.Contains(ar[0], "spf=temperror") || !strings.Contains(ar[0], "dkim=temperror") || !strings.Contains(ar[0], "dmarc=temperror") {
		t.Errorf("Authentication-Results %q, want temperror for spf, dkim and dmarc", ar)
	}
	if f := strings.Join(unfolded(msgs[0], HeaderFindings), " "); strings.Contains(f, "auth.dmarc_fail") || strings.Contains(f, "auth.spf_fail") {
		t.Errorf("DNS silence counted as a failure: %s", f)
	}
	if took > deadline+DefaultTimeout {
		t.Errorf("Postfix waited %v, past the deadline %v plus the analysis", took, deadline)
	}
	if took < deadline/2 {
		t.Logf("note: the resolver gave up before the deadline (%v)", took)
	}
}

func TestPostfixTrustsSASLLogin(t *testing.T) {
	zone, _ := corpZone(t)
	_, maddr := start(t, DefaultPolicy(), Config{Verifier: verifier(dnstest.Serve(t, zone), 2*time.Second), AuthServID: testServID})
	pf := postfixWith(t, maddr, []string{"smtpd_authorized_xclient_hosts = 127.0.0.0/8"}, "example-corp.co.jp")
	// A colleague at home: an outside address, unsigned, signed in.
	smtpAs(t, pf.Addr, "ADDR="+outsideIP+" NAME="+outside+" HELO="+outside+" LOGIN=it-admin", outside, "it-admin@example-corp.co.jp",
		"hanako@example-corp.co.jp", withCase("sasl", itNotice("")))
	if err := pf.Settle(1, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	msgs, _ := pf.Delivered()
	if len(msgs) != 1 {
		t.Fatalf("delivered %d, want 1", len(msgs))
	}
	f := strings.Join(unfolded(msgs[0], HeaderFindings), " ")
	t.Logf("verdict %v, findings %s, Authentication-Results %q", headerOf(msgs[0], HeaderVerdict), f, authHeaders(msgs[0]))
	if strings.Contains(f, "sender.own_domain_spoof") || strings.Contains(f, "auth.") {
		t.Errorf("signed-in colleague: findings %s", f)
	}
	if ar := authHeaders(msgs[0]); len(ar) != 1 || ar[0] != testServID+"; auth=pass" {
		t.Errorf("Authentication-Results %q", ar)
	}
}

func TestPostfixTrustsSubmissionService(t *testing.T) {
	zone, _ := corpZone(t)
	_, maddr := start(t, DefaultPolicy(), Config{Verifier: verifier(dnstest.Serve(t, zone), 2*time.Second), AuthServID: testServID})
	// The {daemon_name} a submission service passes (master.cf:
	// -o milter_macro_daemon_name=submission), here for the instance.
	pf := postfixWith(t, maddr, []string{"smtpd_authorized_xclient_hosts = 127.0.0.0/8", "milter_macro_daemon_name = submission"}, "example-corp.co.jp")
	smtpAs(t, pf.Addr, "ADDR="+outsideIP+" NAME="+outside+" HELO="+outside, outside, "it-admin@example-corp.co.jp",
		"hanako@example-corp.co.jp", withCase("submission", itNotice("Authentication-Results: "+testServID+"; dmarc=pass header.from=example-corp.co.jp\r\n")))
	if err := pf.Settle(1, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	msgs, _ := pf.Delivered()
	if len(msgs) != 1 {
		t.Fatalf("delivered %d, want 1", len(msgs))
	}
	f := strings.Join(unfolded(msgs[0], HeaderFindings), " ")
	t.Logf("verdict %v, findings %s, Authentication-Results %q", headerOf(msgs[0], HeaderVerdict), f, authHeaders(msgs[0]))
	if strings.Contains(f, "sender.own_domain_spoof") || strings.Contains(f, "auth.") {
		t.Errorf("submission service: findings %s", f)
	}
	if ar := authHeaders(msgs[0]); len(ar) != 1 || ar[0] != testServID+"; none" {
		t.Errorf("Authentication-Results %q, want the milter's only", ar)
	}
}

// TestVerifyTwice verifies one message twice through the same verifier:
// the same results, the second from the cache.
func TestVerifyTwice(t *testing.T) {
	zone, key := corpZone(t)
	v := verifier(dnstest.Serve(t, zone), 2*time.Second)
	q := online.Query{OriginIP: netipMust(corpIP), Helo: corpHost, EnvelopeFrom: "it-admin@example-corp.co.jp", FromDomain: "example-corp.co.jp",
		Raw: corpSigned(t, key, itNotice(""))}
	first := v.Verify(t.Context(), q, testServID)
	second := v.Verify(t.Context(), q, testServID)
	if len(first.Failures) > 0 || authSummary(first.Auth) != "spf=pass dkim=pass dmarc=pass" || authSummary(second.Auth) != authSummary(first.Auth) {
		t.Fatalf("first %v %v, second %v", authSummary(first.Auth), first.Failures, authSummary(second.Auth))
	}
	t.Logf("first verification %v, second (cached) %v", first.Took, second.Took)
}

func netipMust(s string) netip.Addr { return netip.MustParseAddr(s) }
