package online

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"net/netip"
	"strings"
	"testing"

	"github.com/emersion/go-msgauth/dkim"
	"github.com/miekg/dns"

	"github.com/mekiki/mekiki/internal/dnstest"
)

// signedMail signs a message for shop.example with key (selector s1).
func signedMail(t *testing.T, key ed25519.PrivateKey, from, body string) []byte {
	t.Helper()
	msg := "From: " + from + "\r\nTo: hanako@example-corp.co.jp\r\nSubject: sale\r\nMessage-ID: <1@shop.example>\r\n\r\n" + body
	var out bytes.Buffer
	if err := dkim.Sign(&out, strings.NewReader(msg), &dkim.SignOptions{Domain: "shop.example", Selector: "s1", Signer: key}); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func authZone(t *testing.T) (dnstest.Zone, ed25519.PrivateKey) {
	pub, key, _ := ed25519.GenerateKey(rand.Reader)
	return dnstest.Zone{
		"shop.example.":               {dns.TypeTXT: {`"v=spf1 ip4:198.51.100.7 -all"`}, dns.TypeA: {"198.51.100.80"}},
		"s1._domainkey.shop.example.": {dns.TypeTXT: {`"v=DKIM1; k=ed25519; p=` + base64.StdEncoding.EncodeToString(pub) + `"`}},
		"_dmarc.shop.example.":        {dns.TypeTXT: {`"v=DMARC1; p=reject"`}},
		"bank.example.":               {dns.TypeTXT: {`"v=spf1 ip4:192.0.2.1 -all"`}, dns.TypeA: {"192.0.2.1"}},
		"_dmarc.bank.example.":        {dns.TypeTXT: {`"v=DMARC1; p=reject; adkim=s"`}},
		"nopolicy.example.":           {dns.TypeA: {"192.0.2.50"}},
	}, key
}

func results(f *Facts) map[string]string {
	m := map[string]string{}
	for _, r := range f.Auth {
		if r.ServID != LiveAuthServID {
			continue
		}
		m[r.Method] = r.Result
	}
	return m
}

func TestLiveAuth(t *testing.T) {
	zone, key := authZone(t)
	c := New(Config{Resolver: dnstest.Serve(t, zone), DNSBLZones: []string{}, URIBLZones: []string{}})
	good := signedMail(t, key, "news@shop.example", "Winter sale.\r\n")
	cases := []struct {
		name string
		q    Query
		want map[string]string
	}{
		{"authorised server, valid signature", Query{OriginIP: netip.MustParseAddr("198.51.100.7"), EnvelopeFrom: "bounce@shop.example",
			FromDomain: "shop.example", Raw: good}, map[string]string{"spf": "pass", "dkim": "pass", "dmarc": "pass"}},
		{"forwarded: SPF fails, DKIM still aligns", Query{OriginIP: netip.MustParseAddr("203.0.113.9"), EnvelopeFrom: "bounce@shop.example",
			FromDomain: "shop.example", Raw: good}, map[string]string{"spf": "fail", "dkim": "pass", "dmarc": "pass"}},
		{"altered body", Query{OriginIP: netip.MustParseAddr("198.51.100.7"), EnvelopeFrom: "bounce@other.example",
			FromDomain: "shop.example", Raw: bytes.Replace(good, []byte("Winter"), []byte("Summer"), 1)},
			map[string]string{"dkim": "fail", "dmarc": "fail"}},
		{"spoofed bank", Query{OriginIP: netip.MustParseAddr("203.0.113.66"), EnvelopeFrom: "support@bank.example",
			FromDomain: "bank.example", Raw: []byte("From: support@bank.example\r\n\r\nhi\r\n")},
			map[string]string{"spf": "fail", "dmarc": "fail"}},
		{"no DMARC policy", Query{OriginIP: netip.MustParseAddr("203.0.113.66"), EnvelopeFrom: "a@nopolicy.example",
			FromDomain: "nopolicy.example", Raw: []byte("From: a@nopolicy.example\r\n\r\nhi\r\n")},
			map[string]string{"spf": "none", "dmarc": "none"}},
	}
	for _, tc := range cases {
		f := c.Enrich(context.Background(), tc.q)
		got := results(f)
		for method, want := range tc.want {
			if got[method] != want {
				t.Errorf("%s: %s = %q, want %q (all %v, failures %v)", tc.name, method, got[method], want, got, f.Failures)
			}
		}
	}
	f := c.Enrich(context.Background(), cases[3].q)
	if f.DMARCPolicy != "reject" {
		t.Errorf("policy %q", f.DMARCPolicy)
	}
}
