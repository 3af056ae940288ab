package online

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/mekiki/mekiki/internal/safehttp"
	"github.com/mekiki/mekiki/internal/safehttp/safehttptest"
)

// rdapServer answers like a registry's RDAP service: a domain object for
// new-phish.top (created three days ago through a privacy service) and
// old-shop.top, 404 for anything else.
func rdapServer(t *testing.T) *httptest.Server {
	created := time.Now().Add(-72 * time.Hour).UTC().Format(time.RFC3339)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rdap+json")
		switch r.URL.Path {
		case "/top/domain/new-phish.top":
			fmt.Fprintf(w, `{"objectClassName":"domain","ldhName":"new-phish.top","status":["client transfer prohibited"],
"events":[{"eventAction":"registration","eventDate":"%s"},{"eventAction":"expiration","eventDate":"2027-11-21T00:00:00Z"}],
"entities":[{"objectClassName":"entity","roles":["registrar"],"vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{},"text","Example Registrar, Inc."]]]},
{"objectClassName":"entity","roles":["registrant"],"vcardArray":["vcard",[["version",{},"text","4.0"],["org",{},"text","Privacy service provided by Withheld for Privacy ehf"]]],
 "remarks":[{"title":"REDACTED FOR PRIVACY","description":["Some of the data in this object has been removed."]}]}]}`, created)
		case "/top/domain/old-shop.top":
			fmt.Fprint(w, `{"objectClassName":"domain","ldhName":"old-shop.top","events":[{"eventAction":"registration","eventDate":"2015-04-01T00:00:00Z"}]}`)
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func testBootstrap(t *testing.T, base string) *Bootstrap {
	b, err := ParseBootstrap([]byte(`{"publication":"2026-11-01T00:00:00Z","services":[[["top"],["http://insecure.example/","` + base + `/top/"]]]}`))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRDAPRegistrations(t *testing.T) {
	srv := rdapServer(t)
	bs := testBootstrap(t, srv.URL)
	c := New(Config{Bootstrap: bs, DNSBLZones: []string{}, URIBLZones: []string{}, Resolver: "127.0.0.1:1", HTTP: safehttptest.Policy(t, srv)})
	f := c.Enrich(context.Background(), Query{RDAPDomains: []string{"new-phish.top", "old-shop.top", "unknown.top", "example.jp"}})
	if len(f.Registrations) != 2 {
		t.Fatalf("registrations %+v failures %v", f.Registrations, f.Failures)
	}
	n := f.Registrations[0]
	if n.Domain != "new-phish.top" || time.Since(n.Created) > 80*time.Hour || n.Registrar != "Example Registrar, Inc." || !n.Privacy {
		t.Errorf("new domain %+v", n)
	}
	if o := f.Registrations[1]; o.Created.Year() != 2015 || o.Privacy {
		t.Errorf("old domain %+v", o)
	}
	if len(f.Failures) != 0 {
		t.Errorf("failures %v", f.Failures)
	}
}

func TestBootstrapFiles(t *testing.T) {
	emb, err := ParseBootstrap(embeddedBootstrap)
	if err != nil || emb.Server("evil.top") == "" || emb.Server("example.com") != "https://rdap.verisign.com/com/v1/" || emb.Server("example.jp") != "" {
		t.Fatalf("embedded bootstrap: %v", err)
	}
	b := testBootstrap(t, "https://rdap.example")
	if got := b.Server("x.TOP"); got != "https://rdap.example/top/" {
		t.Errorf("HTTPS preferred: %q", got)
	}
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"publication":"2026-11-20T00:00:00Z","services":[[["shop"],["https://rdap.example.shop/"]]]}`))
	}))
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "dns.json")
	if _, err := RefreshBootstrap(context.Background(), safehttp.New(safehttptest.Policy(t, srv)), srv.URL, path); err != nil {
		t.Fatal(err)
	}
	got, err := LoadBootstrap(path)
	if err != nil || got.Publication != "2026-11-20T00:00:00Z" || got.Server("a.shop") == "" {
		t.Errorf("refreshed bootstrap %+v %v", got, err)
	}
	if _, err := ParseBootstrap([]byte(`{"services":[]}`)); err == nil {
		t.Error("empty bootstrap accepted")
	}
}
