package online

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/miekg/dns"

	"github.com/mekiki/mekiki/internal/dnstest"
	"github.com/mekiki/mekiki/internal/safehttp"
	"github.com/mekiki/mekiki/internal/safehttp/safehttptest"
)

// TestRDAPPlainHTTPBaseRefused: a bootstrap entry that lists only an
// http:// server is not asked; the refusal is a recorded failure.
func TestRDAPPlainHTTPBaseRefused(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	bs, err := ParseBootstrap([]byte(`{"services":[[["top"],["` + srv.URL + `/top/"]]]}`))
	if err != nil {
		t.Fatal(err)
	}
	c := New(Config{Bootstrap: bs, DNSBLZones: []string{}, URIBLZones: []string{}, Resolver: "127.0.0.1:1", HTTP: safehttptest.Policy(t, srv)})
	f := c.Enrich(context.Background(), Query{RDAPDomains: []string{"new-phish.top"}})
	want := "RDAP for new-phish.top at " + srv.URL + "/top/: plain HTTP is not allowed"
	if len(f.Registrations) != 0 || len(f.Failures) != 1 || f.Failures[0] != want || hits.Load() != 0 {
		t.Errorf("registrations %+v, failures %q (want %q), %d requests reached the server", f.Registrations, f.Failures, want, hits.Load())
	}
}

// TestRDAPRedirectRefused: an RDAP server that redirects to another
// address (here the same loopback IP on another port) is not followed.
func TestRDAPRedirectRefused(t *testing.T) {
	other := rdapServer(t) // would answer, but is not the allowed server
	srv := httptest.NewTLSServer(http.RedirectHandler(other.URL+"/top/domain/new-phish.top", http.StatusFound))
	defer srv.Close()
	c := New(Config{Bootstrap: testBootstrap(t, srv.URL), DNSBLZones: []string{}, URIBLZones: []string{}, Resolver: "127.0.0.1:1", HTTP: safehttptest.Policy(t, srv)})
	f := c.Enrich(context.Background(), Query{RDAPDomains: []string{"new-phish.top"}})
	if len(f.Registrations) != 0 || len(f.Failures) != 1 || !strings.Contains(f.Failures[0], "is a loopback address, and mekiki connects only to public addresses") {
		t.Errorf("registrations %+v, failures %q", f.Registrations, f.Failures)
	}
}

// TestRDAPThroughTheConfiguredResolver: the bootstrap names the RDAP
// server rdap.test.example, which only the test's DNS server knows
// (pointing it at 127.0.0.1); the query reaches the server by that name,
// so the HTTP client resolved it with --resolver, not the system's.
func TestRDAPThroughTheConfiguredResolver(t *testing.T) {
	var host atomic.Value
	srv := safehttptest.NewTLSServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host.Store(r.Host)
		if r.URL.Path != "/top/domain/old-shop.top" {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, `{"objectClassName":"domain","ldhName":"old-shop.top","events":[{"eventAction":"registration","eventDate":"2015-04-01T00:00:00Z"}]}`)
	}), "rdap.test.example")
	port := srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
	resolver := dnstest.Serve(t, dnstest.Zone{"rdap.test.example.": {dns.TypeA: {"127.0.0.1"}}})
	c := New(Config{Bootstrap: testBootstrap(t, "https://rdap.test.example:"+port), DNSBLZones: []string{}, URIBLZones: []string{},
		Resolver: resolver, HTTP: safehttptest.Policy(t, srv)})
	f := c.Enrich(context.Background(), Query{RDAPDomains: []string{"old-shop.top"}})
	if len(f.Registrations) != 1 || f.Registrations[0].Created.Year() != 2015 || len(f.Failures) != 0 {
		t.Fatalf("registrations %+v, failures %q", f.Registrations, f.Failures)
	}
	if got := host.Load(); got != "rdap.test.example:"+port {
		t.Errorf("the query came for host %v", got)
	}
}

// TestRefreshBootstrapTooLarge: a bootstrap file over the limit is an
// error, and nothing is saved.
func TestRefreshBootstrapTooLarge(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"services":[[["shop"],["https://rdap.example.shop/"]]],"pad":"`)
		io.WriteString(w, strings.Repeat("x", maxBootstrapBytes))
		io.WriteString(w, `"}`)
	}))
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "dns.json")
	_, err := RefreshBootstrap(context.Background(), safehttp.New(safehttptest.Policy(t, srv)), srv.URL, path)
	if err == nil || !strings.Contains(err.Error(), "is larger than 4 MiB") {
		t.Errorf("error %v", err)
	}
	if _, statErr := os.Stat(path); statErr == nil {
		t.Error("an oversized bootstrap file was saved")
	}
}
