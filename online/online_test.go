package online

import (
	"context"
	"net"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/mekiki/mekiki/internal/dnstest"
)

var testZone = dnstest.Zone{
	"exists.example.":                      {dns.TypeA: {"192.0.2.10"}, dns.TypeMX: {"10 mail.exists.example."}},
	"mail.exists.example.":                 {dns.TypeA: {"203.0.113.5"}},
	"nodata.example.":                      {dns.TypeTXT: {`"v=spf1 -all"`}},
	"5.113.0.203.in-addr.arpa.":            {dns.TypePTR: {"mail.exists.example."}},
	"5.113.0.203.zen.spamhaus.org.":        {dns.TypeA: {"127.0.0.4"}},
	"evil-login.example.dbl.spamhaus.org.": {dns.TypeA: {"127.0.1.4"}},
	"evil-login.example.multi.surbl.org.":  {dns.TypeA: {"127.0.0.1"}},
	"9.100.51.198.zen.spamhaus.org.":       {dns.TypeA: {"127.255.255.254"}},
	"9.100.51.198.in-addr.arpa.":           {dns.TypePTR: {"host.unrelated.example."}},
	"host.unrelated.example.":              {dns.TypeA: {"192.0.2.99"}},
	"redirected.example.dbl.spamhaus.org.": {dns.TypeA: {"198.18.0.1"}},
}

func TestEnrichAgainstRealDNS(t *testing.T) {
	c := New(Config{Resolver: dnstest.Serve(t, testZone), LookupTimeout: 2 * time.Second, Deadline: 5 * time.Second})
	f := c.Enrich(context.Background(), Query{
		SenderDomains: []string{"exists.example", "eki-net.co.jp", "nodata.example"},
		OriginIP:      netip.MustParseAddr("203.0.113.5"),
		LinkDomains:   []string{"evil-login.example", "clean.example", "redirected.example"},
	})
	if !slices.Equal(f.Nonexistent, []string{"eki-net.co.jp"}) {
		t.Errorf("nonexistent %v, want only eki-net.co.jp (nodata.example exists without an address)", f.Nonexistent)
	}
	if !slices.Equal(f.SenderAtOrigin, []string{"exists.example"}) {
		t.Errorf("sender at origin %v", f.SenderAtOrigin)
	}
	if f.OriginPTR != "mail.exists.example" || !f.OriginFCrDNS {
		t.Errorf("PTR %q FCrDNS %v", f.OriginPTR, f.OriginFCrDNS)
	}
	if len(f.OriginListings) != 1 || f.OriginListings[0].Zone != "zen.spamhaus.org" || f.OriginListings[0].Code != "127.0.0.4" ||
		!strings.Contains(f.OriginListings[0].Meaning, "XBL") {
		t.Errorf("origin listings %+v", f.OriginListings)
	}
	if len(f.URIListings) != 1 || f.URIListings[0].Name != "evil-login.example" || !strings.Contains(f.URIListings[0].Meaning, "phishing") {
		t.Errorf("URI listings %+v", f.URIListings)
	}
	joined := strings.Join(f.Failures, "\n")
	for _, want := range []string{"multi.surbl.org for evil-login.example: the list refused", "dbl.spamhaus.org for redirected.example: the answer 198.18.0.1 is not a blocklist code"} {
		if !strings.Contains(joined, want) {
			t.Errorf("failures lack %q:\n%s", want, joined)
		}
	}
}

func TestRefusedListIsNoEvidence(t *testing.T) {
	c := New(Config{Resolver: dnstest.Serve(t, testZone)})
	f := c.Enrich(context.Background(), Query{OriginIP: netip.MustParseAddr("198.51.100.9")})
	if len(f.OriginListings) != 0 || !strings.Contains(strings.Join(f.Failures, " "), "zen.spamhaus.org for 198.51.100.9: the list refused the query (127.255.255.254)") {
		t.Errorf("listings %+v failures %v", f.OriginListings, f.Failures)
	}
	if f.OriginFCrDNS || f.OriginPTR != "host.unrelated.example" {
		t.Errorf("PTR %q not confirmed forward, FCrDNS %v", f.OriginPTR, f.OriginFCrDNS)
	}
}

// TestDeadResolver: a resolver that never answers. Enrich still returns
// and names what failed; the 30 s guard only catches a hang.
func TestDeadResolver(t *testing.T) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0") // receives, never answers
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	c := New(Config{Resolver: pc.LocalAddr().String(), LookupTimeout: 200 * time.Millisecond, Deadline: 500 * time.Millisecond})
	done := make(chan *Facts)
	start := time.Now()
	go func() {
		done <- c.Enrich(context.Background(), Query{SenderDomains: []string{"a.example", "b.example"},
			OriginIP: netip.MustParseAddr("203.0.113.5"), LinkDomains: []string{"c.example", "d.example", "e.example"}})
	}()
	select {
	case f := <-done:
		t.Logf("dead resolver: returned after %s with %d failures", time.Since(start).Round(time.Millisecond), len(f.Failures))
		if len(f.Failures) == 0 || len(f.Nonexistent)+len(f.OriginListings)+len(f.URIListings) != 0 {
			t.Errorf("facts from a dead resolver: %+v", f)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Enrich hung on a dead resolver")
	}
}

func TestReversed(t *testing.T) {
	if r := reversed(netip.MustParseAddr("203.0.113.5")); r != "5.113.0.203" {
		t.Errorf("IPv4 %s", r)
	}
	r := reversed(netip.MustParseAddr("2001:db8::1"))
	if !strings.HasPrefix(r, "1.0.0.0.") || !strings.HasSuffix(r, ".8.b.d.0.1.0.0.2") {
		t.Errorf("IPv6 %s", r)
	}
}
