package mekiki_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"
	"github.com/miekg/dns"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/internal/dnstest"
	"github.com/mekiki/mekiki/online"
)

// The verification at the MX (online.Client.Verify, as the milter runs
// it) judged together with the analysis, through a real DNS server on
// loopback: a company newsletter sent by its ESP with the company's
// aligned DKIM, and a partner's mail forwarded by a mailing list that
// breaks SPF but keeps the DKIM signature, carry no authentication
// failure.
func TestVerifiedAtTheMX(t *testing.T) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	const (
		corpIP = "192.0.2.25"
		espIP  = "198.51.100.40"
		listIP = "198.51.100.77"
	)
	zone := dnstest.Zone{
		"example-corp.co.jp.":                 {dns.TypeTXT: {`"v=spf1 ip4:` + corpIP + ` -all"`}},
		"s1._domainkey.example-corp.co.jp.":   {dns.TypeTXT: {`"v=DKIM1; k=ed25519; p=` + base64.StdEncoding.EncodeToString(pub) + `"`}},
		"_dmarc.example-corp.co.jp.":          {dns.TypeTXT: {`"v=DMARC1; p=reject"`}},
		"bounces.esp-mailer.example.":         {dns.TypeTXT: {`"v=spf1 ip4:` + espIP + ` -all"`}},
		"out.esp-mailer.example.":             {dns.TypeA: {espIP}},
		"partner-firm.example.":               {dns.TypeTXT: {`"v=spf1 ip4:203.0.113.9 -all"`}},
		"s1._domainkey.partner-firm.example.": {dns.TypeTXT: {`"v=DKIM1; k=ed25519; p=` + base64.StdEncoding.EncodeToString(pub) + `"`}},
		"_dmarc.partner-firm.example.":        {dns.TypeTXT: {`"v=DMARC1; p=quarantine"`}},
		"lists.example.":                      {dns.TypeA: {listIP}},
	}
	client := online.New(online.Config{Resolver: dnstest.Serve(t, zone), Deadline: 2 * time.Second, LookupTimeout: 2 * time.Second,
		DNSCache: online.NewDNSCache(0)})
	sign := func(d string, raw string) []byte {
		var out bytes.Buffer
		if err := dkim.Sign(&out, strings.NewReader(strings.ReplaceAll(raw, "\n", "\r\n")), &dkim.SignOptions{Domain: d, Selector: "s1", Signer: key,
			HeaderCanonicalization: dkim.CanonicalizationRelaxed, BodyCanonicalization: dkim.CanonicalizationRelaxed}); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	newsletter := sign("example-corp.co.jp", `From: Example Corp News <news@example-corp.co.jp>
To: hanako@example-corp.co.jp
Subject: December newsletter
Date: Tue, 1 Dec 2026 09:00:00 +0900
Message-ID: <nl-1@esp-mailer.example>
List-Unsubscribe: <https://esp-mailer.example/u/1>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

This month: the new office in Osaka opens on the 14th.
https://www.example-corp.co.jp/news/osaka
`)
	forwarded := sign("partner-firm.example", `From: Taro Sato <sato@partner-firm.example>
To: project-list@lists.example
Subject: Minutes of Monday's meeting
Date: Tue, 1 Dec 2026 10:00:00 +0900
Message-ID: <min-1@partner-firm.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Hello all, the minutes are below. Next meeting: Monday 10:00.
`)
	cases := []struct {
		name, ip, helo, mailFrom string
		raw                      []byte
		spf                      string // the SPF result the case is about
	}{
		{"ESP newsletter with the company's aligned DKIM", espIP, "out.esp-mailer.example", "bounce-123@bounces.esp-mailer.example", newsletter, "pass"},
		{"list-forwarded mail, SPF broken, DKIM intact", listIP, "lists.example", "sato@partner-firm.example", forwarded, "fail"},
	}
	a, err := mekiki.New(mekiki.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		ip := netip.MustParseAddr(c.ip)
		v := client.Verify(context.Background(), online.Query{Raw: c.raw, OriginIP: ip, Helo: c.helo, EnvelopeFrom: c.mailFrom,
			FromDomain: fromDomain(c.raw)}, "mx.example-corp.co.jp")
		dmarc, spf := "", ""
		for _, r := range v.Auth {
			switch r.Method {
			case "dmarc":
				dmarc = r.Result
			case "spf":
				spf = r.Result
			}
		}
		if spf != c.spf {
			t.Errorf("%s: spf=%q, want %s", c.name, spf, c.spf)
		}
		if dmarc != "pass" {
			t.Errorf("%s: dmarc=%q, want pass (%+v, failures %v)", c.name, dmarc, v.Auth, v.Failures)
		}
		rep, err := a.AnalyzeEnvelope(context.Background(), bytes.NewReader(c.raw), mekiki.Envelope{ClientIP: ip, Helo: c.helo,
			MailFrom: c.mailFrom, Rcpt: []string{"hanako@example-corp.co.jp"}, Auth: v.Auth})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rep.Findings {
			if strings.HasSuffix(string(f.ID), "_fail") || f.ID == "sender.own_domain_spoof" {
				t.Errorf("%s: %s@%s raised: %s", c.name, f.ID, f.Severity, f.DetailEN)
			}
		}
		if rep.Verdict != "clean" {
			t.Errorf("%s: verdict %s (score %g)", c.name, rep.Verdict, rep.Score)
		}
	}
}

// fromDomain is the domain of the message's From address.
func fromDomain(raw []byte) string {
	for _, line := range strings.Split(string(raw), "\r\n") {
		if rest, ok := strings.CutPrefix(line, "From: "); ok {
			at := strings.LastIndexByte(rest, '@')
			return strings.TrimRight(rest[at+1:], ">")
		}
	}
	return ""
}
