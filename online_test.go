package mekiki

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maxmind/mmdbwriter/mmdbtype"
	"github.com/miekg/dns"

	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/internal/dnstest"
	"github.com/mekiki/mekiki/internal/geotest"
	"github.com/mekiki/mekiki/internal/safehttp/safehttptest"
	"github.com/mekiki/mekiki/online"
)

func findingIDs(rep *Report) []string {
	var ids []string
	for _, f := range rep.Findings {
		ids = append(ids, string(f.ID)+"@"+f.Severity)
	}
	return ids
}

// TestOnlineFindings: the team's Amazon phishing fixture against a real
// DNS server on loopback whose zone says the From domain does not exist,
// the origin is on two blocklists and the link domain on the DBL.
func TestOnlineFindings(t *testing.T) {
	raw, err := os.ReadFile("testdata/phish-iso2022jp-amazon.eml")
	if err != nil {
		t.Fatal(err)
	}
	zone := dnstest.Zone{
		"bulk-mailer.example.net.":                  {dns.TypeA: {"198.51.100.20"}},
		"45.113.0.203.zen.spamhaus.org.":            {dns.TypeA: {"127.0.0.2"}},
		"45.113.0.203.bl.spamcop.net.":              {dns.TypeA: {"127.0.0.2"}},
		"verify-account.top.dbl.spamhaus.org.":      {dns.TypeA: {"127.0.1.4"}},
		"verify-account.top.multi.surbl.org.":       {},
		"bulk-mailer.example.net.dbl.spamhaus.org.": {},
		"amazon.co.jp.":                             {dns.TypeA: {"52.119.161.5"}, dns.TypeMX: {"10 amazon-smtp.amazon.com."}},
		"bounces.amazon.co.jp.":                     {dns.TypeMX: {"10 feedback-smtp.amazonses.com."}},
	}
	a, _ := New(Options{Online: online.New(online.Config{Resolver: dnstest.Serve(t, zone)})})
	rep, err := a.Analyze(context.Background(), bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	ids := findingIDs(rep)
	for _, want := range []string{"sender.nonexistent_domain@high", "origin.dnsbl_listed@high", "url.feed_listed@high"} {
		if !slices.Contains(ids, want) {
			t.Errorf("%s did not fire: %v", want, ids)
		}
	}
	if !rep.Online || rep.OnlineFacts == nil || len(rep.OnlineFacts.Failures) != 0 {
		t.Errorf("online %v facts %+v", rep.Online, rep.OnlineFacts)
	}
	for _, f := range rep.Findings {
		if f.ID == "url.feed_listed" && !strings.Contains(f.DetailEN, "dbl.spamhaus.org") {
			t.Errorf("feed finding does not name the list: %s", f.DetailEN)
		}
	}
	// A legitimate mail whose domains exist and are listed nowhere.
	legit, _ := os.ReadFile("testdata/legit-amazon-order.eml")
	rep, _ = a.Analyze(context.Background(), bytes.NewReader(legit))
	for _, id := range findingIDs(rep) {
		if strings.HasPrefix(id, "sender.nonexistent_domain") || strings.HasPrefix(id, "origin.dnsbl") || strings.HasPrefix(id, "url.feed_listed") {
			t.Errorf("legitimate mail raised %s", id)
		}
	}
}

// TestOnlineDeadResolver: with a resolver that never answers, analysis
// still finishes, says which look-ups failed, and raises nothing from
// them. The guard only catches a hang.
func TestOnlineDeadResolver(t *testing.T) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	raw, _ := os.ReadFile("testdata/phish-iso2022jp-amazon.eml")
	a, _ := New(Options{Online: online.New(online.Config{Resolver: pc.LocalAddr().String(), Deadline: 700 * time.Millisecond, LookupTimeout: 300 * time.Millisecond})})
	offline, _ := New(Options{})
	done := make(chan *Report)
	go func() {
		rep, _ := a.Analyze(context.Background(), bytes.NewReader(raw))
		done <- rep
	}()
	select {
	case rep := <-done:
		if !rep.Online || len(rep.OnlineFacts.Failures) == 0 {
			t.Errorf("no failures reported: %+v", rep.OnlineFacts)
		}
		want, _ := offline.Analyze(context.Background(), bytes.NewReader(raw))
		if rep.Score != want.Score || rep.Verdict != want.Verdict {
			t.Errorf("failed look-ups changed the score: %v vs offline %v", rep.Score, want.Score)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("analysis hung on a dead resolver")
	}
}

// TestLiveAuthFindings: no receiver Authentication-Results, so the live
// verification stands in and its failures are findings marked live.
func TestLiveAuthFindings(t *testing.T) {
	zone := dnstest.Zone{
		"bank.example.":        {dns.TypeTXT: {`"v=spf1 ip4:192.0.2.1 -all"`}, dns.TypeA: {"192.0.2.1"}},
		"_dmarc.bank.example.": {dns.TypeTXT: {`"v=DMARC1; p=reject"`}},
	}
	raw := "Received: from mail.spoofer.example (mail.spoofer.example [203.0.113.66])\r\n\tby mx1.example-corp.co.jp (Postfix) with ESMTP id 1; Mon, 23 Nov 2026 10:00:00 +0900\r\n" +
		"Return-Path: <support@bank.example>\r\nFrom: \"Bank\" <support@bank.example>\r\nTo: hanako@example-corp.co.jp\r\n" +
		"Subject: notice\r\nMessage-ID: <x@bank.example>\r\n\r\nPlease read.\r\n"
	a, _ := New(Options{Online: online.New(online.Config{Resolver: dnstest.Serve(t, zone), DNSBLZones: []string{}, URIBLZones: []string{}})})
	rep, err := a.Analyze(context.Background(), strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range rep.Findings {
		if live, _ := f.Evidence["live"].(bool); live {
			got[string(f.ID)] = true
		}
	}
	if !got["auth.spf_fail"] || !got["auth.dmarc_fail"] {
		t.Errorf("live findings %v; all: %v", got, findingIDs(rep))
	}
	if rep.OnlineFacts.DMARCPolicy != "reject" {
		t.Errorf("policy %q", rep.OnlineFacts.DMARCPolicy)
	}
}

// TestGeoIPFillsOrigin: local databases place the origin even offline,
// and with --online the link hosts too.
func TestGeoIPFillsOrigin(t *testing.T) {
	raw, _ := os.ReadFile("testdata/phish-iso2022jp-amazon.eml")
	country := geotest.WriteMMDB(t, "GeoLite2-Country", map[string]mmdbtype.Map{"203.0.113.0/24": geotest.Country("BG"), "198.51.100.0/24": geotest.Country("US")})
	asn := geotest.WriteMMDB(t, "GeoLite2-ASN", map[string]mmdbtype.Map{"203.0.113.0/24": geotest.ASN(64500, "Example Hosting BG"), "198.51.100.0/24": geotest.ASN(64502, "QuadraNet-like US")})
	g, err := online.OpenGeoIP(country, asn)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	a, _ := New(Options{GeoIP: g})
	rep, _ := a.Analyze(context.Background(), bytes.NewReader(raw))
	if o := rep.Message.Origin; o.Country != "BG" || o.ASN != 64500 || o.ASOrg != "Example Hosting BG" || rep.Online {
		t.Errorf("offline origin %+v online %v", o, rep.Online)
	}
	zone := dnstest.Zone{"amaz0n-co-jp.verify-account.top.": {dns.TypeA: {"198.51.100.77"}}}
	a, _ = New(Options{GeoIP: g, Online: online.New(online.Config{Resolver: dnstest.Serve(t, zone), GeoIP: g, DNSBLZones: []string{}, URIBLZones: []string{}})})
	rep, _ = a.Analyze(context.Background(), bytes.NewReader(raw))
	if hs := rep.OnlineFacts.LinkPlaces; len(hs) != 1 || hs[0].Host != "amaz0n-co-jp.verify-account.top" || hs[0].Country != "US" || hs[0].ASN != 64502 {
		t.Errorf("link hosts %+v", hs)
	}
}

// TestNewDomainFinding: RDAP from an httptest server says the link's
// domain was registered three days ago.
func TestNewDomainFinding(t *testing.T) {
	created := time.Now().Add(-72 * time.Hour).UTC().Format(time.RFC3339)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/top/domain/verify-account.top" {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/rdap+json")
		w.Write([]byte(`{"objectClassName":"domain","ldhName":"verify-account.top","events":[{"eventAction":"registration","eventDate":"` + created + `"}],` +
			`"entities":[{"roles":["registrar"],"vcardArray":["vcard",[["fn",{},"text","Example Registrar"]]]}]}`))
	}))
	defer srv.Close()
	bs, err := online.ParseBootstrap([]byte(`{"services":[[["top"],["` + srv.URL + `/top/"]]]}`))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile("testdata/phish-iso2022jp-amazon.eml")
	a, _ := New(Options{Online: online.New(online.Config{Resolver: dnstest.Serve(t, dnstest.Zone{}), Bootstrap: bs, DNSBLZones: []string{}, URIBLZones: []string{}, HTTP: safehttptest.Policy(t, srv)})})
	rep, _ := a.Analyze(context.Background(), bytes.NewReader(raw))
	var got *check.Finding
	for i, f := range rep.Findings {
		if f.ID == "url.new_domain" {
			got = &rep.Findings[i]
		}
	}
	if got == nil || got.Severity != "high" || got.Evidence["age_days"] != 3 || got.Evidence["registrar"] != "Example Registrar" {
		t.Fatalf("url.new_domain: %+v (findings %v, facts %+v)", got, findingIDs(rep), rep.OnlineFacts)
	}
}

// TestUnexpectedCountry: a domestic brand (its domains all under .jp)
// claimed from a server GeoIP places abroad; quiet from Japan, and quiet
// for a global brand.
func TestUnexpectedCountry(t *testing.T) {
	country := geotest.WriteMMDB(t, "GeoLite2-Country", map[string]mmdbtype.Map{"203.0.113.0/24": geotest.Country("BG"), "198.51.100.0/24": geotest.Country("JP")})
	g, err := online.OpenGeoIP(country, "")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	a, _ := New(Options{GeoIP: g})
	mail := func(ip, name string) string {
		return "Received: from mx.sender.example (mx.sender.example [" + ip + "])\r\n\tby mx1.example-corp.co.jp (Postfix) with ESMTP id 1; Mon, 23 Nov 2026 10:00:00 +0900\r\n" +
			"From: \"" + name + "\" <info@delivery-notice.example>\r\nTo: hanako@example-corp.co.jp\r\nSubject: お届けのお知らせ\r\n" +
			"Message-ID: <1@delivery-notice.example>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nお荷物をお届けにあがりました。\r\n"
	}
	has := func(raw string) bool {
		rep, err := a.Analyze(context.Background(), strings.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		return slices.Contains(findingIDs(rep), "origin.unexpected_country@low")
	}
	if !has(mail("203.0.113.45", "ヤマト運輸")) {
		t.Error("domestic brand from BG: no finding")
	}
	if has(mail("198.51.100.9", "ヤマト運輸")) {
		t.Error("domestic brand from JP: finding")
	}
	if has(mail("203.0.113.45", "Amazon.co.jp")) {
		t.Error("global brand from BG: finding")
	}
}
