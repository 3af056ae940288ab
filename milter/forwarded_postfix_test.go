package milter

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"
	"github.com/miekg/dns"

	"github.com/mekiki/mekiki/internal/dnstest"
)

// Issue 21's remaining cases: mail that legitimately arrives from an IP
// the From domain's SPF does not list, yet passes DMARC through an
// aligned DKIM signature.
const (
	espIP       = "198.51.100.40"
	espHost     = "mta.esp-mailer.example"
	espBounce   = "bounce@bounces.esp-mailer.example"
	partnerIP   = "203.0.113.10"
	partnerHost = "mail.partner-firm.example"
	partnerFrom = "sato@partner-firm.example"
	listIP      = "198.51.100.80"
	listHost    = "lists.ml-host.example"
)

// signedBy signs raw for domain with selector s1, relaxed/relaxed.
func signedBy(t *testing.T, domain string, key ed25519.PrivateKey, raw []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	err := dkim.Sign(&out, bytes.NewReader(raw), &dkim.SignOptions{Domain: domain, Selector: "s1", Signer: key,
		HeaderCanonicalization: dkim.CanonicalizationRelaxed, BodyCanonicalization: dkim.CanonicalizationRelaxed})
	if err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// forwardedResult delivers raw through Postfix as the client attrs name
// and returns the message's Authentication-Results, verdict and findings.
func forwardedResult(t *testing.T, zone dnstest.Zone, attrs, helo, from string, raw []byte) (ar, verdict []string, findings string) {
	t.Helper()
	_, maddr := start(t, DefaultPolicy(), Config{Verifier: verifier(dnstest.Serve(t, zone), 2*time.Second), AuthServID: testServID})
	pf := postfixWith(t, maddr, []string{"smtpd_authorized_xclient_hosts = 127.0.0.0/8"}, "example-corp.co.jp")
	smtpAs(t, pf.Addr, attrs, helo, from, "hanako@example-corp.co.jp", raw)
	if err := pf.Settle(1, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	msgs, err := pf.Delivered()
	if err != nil || len(msgs) != 1 {
		t.Fatalf("delivered %d (%v), want 1", len(msgs), err)
	}
	ar, verdict = authHeaders(msgs[0]), headerOf(msgs[0], HeaderVerdict)
	findings = strings.Join(unfolded(msgs[0], HeaderFindings), " ")
	t.Logf("%s: verdict %v, Authentication-Results %q, findings %s", testCase(msgs[0]), verdict, ar, findings)
	return ar, verdict, findings
}

// checkAuth reports each of want missing from the single
// Authentication-Results ar.
func checkAuth(t *testing.T, ar []string, want ...string) {
	t.Helper()
	if len(ar) != 1 || !strings.HasPrefix(ar[0], testServID+"; ") {
		t.Fatalf("Authentication-Results %q, want one with %s", ar, testServID)
	}
	for _, w := range want {
		if !strings.Contains(ar[0], w) {
			t.Errorf("%q lacks %q", ar[0], w)
		}
	}
}

// newsletter is the company's newsletter as its ESP sends it.
func newsletter() []byte {
	return []byte("From: =?UTF-8?B?44Ko44Kv44K144Oz44OX44Or5qCq5byP5Lya56S+?= <news@example-corp.co.jp>\r\nTo: hanako@example-corp.co.jp\r\n" +
		"Subject: =?UTF-8?B?56S+5YaF44OL44Ol44O844K5IDPmnIjlj7c=?=\r\nDate: Mon, 3 Mar 2025 10:00:00 +0900\r\n" +
		"Message-ID: <nl-2025-03@example-corp.co.jp>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" +
		"社員の皆さま\r\n\r\n3月号の社内ニュースをお届けします。\r\n新オフィスの紹介と春の健康診断の日程をまとめました。\r\n" +
		"https://www.example-corp.co.jp/news/2025-03\r\n\r\n広報部\r\n")
}

func TestPostfixPassesESPNewsletter(t *testing.T) {
	zone, key := corpZone(t)
	zone["bounces.esp-mailer.example."] = map[uint16][]string{dns.TypeTXT: {`"v=spf1 ip4:` + espIP + ` -all"`}}
	zone[espHost+"."] = map[uint16][]string{dns.TypeA: {espIP}}
	raw := withCase("esp", corpSigned(t, key, newsletter()))
	ar, verdict, findings := forwardedResult(t, zone, "ADDR="+espIP+" NAME="+espHost+" HELO="+espHost, espHost, espBounce, raw)
	checkAuth(t, ar, "spf=pass smtp.mailfrom=bounces.esp-mailer.example", "dkim=pass header.d=example-corp.co.jp", "dmarc=pass header.from=example-corp.co.jp")
	if len(verdict) != 1 || verdict[0] != "clean" {
		t.Errorf("verdict %v, want clean", verdict)
	}
	if strings.Contains(findings, "auth.") || strings.Contains(findings, "sender.own_domain_spoof") {
		t.Errorf("findings %s", findings)
	}
}

// listPost is a partner's mail to a mailing list, as the list server
// forwards it: the body and signed fields kept, List-* fields on top.
func listPost(t *testing.T, key ed25519.PrivateKey) []byte {
	orig := []byte("From: Sato Ichiro <" + partnerFrom + ">\r\nTo: project-x@lists.ml-host.example\r\n" +
		"Subject: =?UTF-8?B?5qyh5Zue5a6a5L6L5Lya44Gu6K2w6aGM?=\r\nDate: Tue, 4 Mar 2025 14:00:00 +0900\r\n" +
		"Message-ID: <p-7781@partner-firm.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" +
		"皆さま\r\n\r\n来週の定例会の議題案です。ご意見があれば金曜までに返信してください。\r\n" +
		"1. 進捗報告\r\n2. 次期スケジュール\r\n\r\n佐藤\r\n")
	return append([]byte("List-Id: Project X <project-x.lists.ml-host.example>\r\nList-Post: <mailto:project-x@lists.ml-host.example>\r\n"),
		signedBy(t, "partner-firm.example", key, orig)...)
}

func TestPostfixPassesListForwardedMail(t *testing.T) {
	zone, _ := corpZone(t)
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	zone["partner-firm.example."] = map[uint16][]string{dns.TypeTXT: {`"v=spf1 ip4:` + partnerIP + ` -all"`}, dns.TypeMX: {"10 " + partnerHost + "."}}
	zone[partnerHost+"."] = map[uint16][]string{dns.TypeA: {partnerIP}}
	zone["s1._domainkey.partner-firm.example."] = map[uint16][]string{dns.TypeTXT: {`"v=DKIM1; k=ed25519; p=` + base64.StdEncoding.EncodeToString(pub) + `"`}}
	zone["_dmarc.partner-firm.example."] = map[uint16][]string{dns.TypeTXT: {`"v=DMARC1; p=quarantine"`}}
	zone[listHost+"."] = map[uint16][]string{dns.TypeA: {listIP}}
	raw := withCase("list", listPost(t, key))
	ar, verdict, findings := forwardedResult(t, zone, "ADDR="+listIP+" NAME="+listHost+" HELO="+listHost, listHost, partnerFrom, raw)
	checkAuth(t, ar, "spf=fail smtp.mailfrom=partner-firm.example", "dkim=pass header.d=partner-firm.example", "dmarc=pass header.from=partner-firm.example")
	if strings.Contains(findings, "auth.") {
		t.Errorf("a list-forwarded mail passing DMARC by DKIM: findings %s, want no auth failure", findings)
	}
	if len(verdict) != 1 || verdict[0] != "clean" {
		t.Errorf("verdict %v, want clean", verdict)
	}
}
