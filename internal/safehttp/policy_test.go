package safehttp_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/miekg/dns"

	"github.com/mekiki/mekiki/internal/dnstest"
	"github.com/mekiki/mekiki/internal/safehttp"
	"github.com/mekiki/mekiki/internal/safehttp/safehttptest"
)

// counted serves h and counts the requests that reached it.
func counted(h http.HandlerFunc) (http.HandlerFunc, *atomic.Int32) {
	var n atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) { n.Add(1); h(w, r) }, &n
}

func get(t *testing.T, c *safehttp.Client, url string) (string, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(req, 1<<10)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

// oneSentence fails the test when err is nil, spans lines or lacks want.
func oneSentence(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one saying %q", want)
	}
	t.Logf("%s", err)
	if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, want) {
		t.Errorf("error %q, want one line saying %q", msg, want)
	}
}

func TestAllowedServerOverHTTPS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	defer srv.Close()
	body, err := get(t, safehttp.New(safehttptest.Policy(t, srv)), srv.URL+"/")
	if err != nil || body != "ok" {
		t.Fatalf("body %q, err %v", body, err)
	}
}

func TestLoopbackRefusedWithoutAllowance(t *testing.T) {
	h, hits := counted(func(w http.ResponseWriter, r *http.Request) {})
	srv := httptest.NewTLSServer(h)
	defer srv.Close()
	p := safehttptest.Policy(t, srv)
	p.AllowForTests = nil
	_, err := get(t, safehttp.New(p), srv.URL+"/")
	oneSentence(t, err, "is a loopback address, and mekiki connects only to public addresses")
	var ae *safehttp.AddressError
	if !errors.As(err, &ae) || hits.Load() != 0 {
		t.Errorf("error %v (%T), %d requests reached the server", err, err, hits.Load())
	}
}

func TestRedirects(t *testing.T) {
	otherH, otherHits := counted(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "other") })
	other := httptest.NewTLSServer(otherH) // same IP, another port: not allowed
	defer other.Close()
	var srv *httptest.Server
	srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		port := srv.URL[strings.LastIndexByte(srv.URL, ':'):]
		switch r.URL.Path {
		case "/ok":
			io.WriteString(w, "ok")
		case "/other-port":
			http.Redirect(w, r, other.URL+"/", http.StatusFound)
		case "/other-loopback":
			http.Redirect(w, r, "https://127.0.0.2"+port+"/ok", http.StatusFound)
		case "/plain":
			http.Redirect(w, r, "http://127.0.0.1"+port+"/ok", http.StatusFound)
		case "/three", "/two", "/one":
			next := map[string]string{"/three": "/two", "/two": "/one", "/one": "/ok"}[r.URL.Path]
			http.Redirect(w, r, next, http.StatusMovedPermanently)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		}
	}))
	defer srv.Close()
	p := safehttptest.Policy(t, srv)
	p.AllowHTTP = true // even so, a redirect must stay on HTTPS
	c := safehttp.New(p)

	if body, err := get(t, c, srv.URL+"/three"); err != nil || body != "ok" {
		t.Errorf("three redirects within the policy: body %q, err %v", body, err)
	}
	_, err := get(t, c, srv.URL+"/other-port")
	oneSentence(t, err, other.Listener.Addr().String()+" is a loopback address")
	if otherHits.Load() != 0 {
		t.Errorf("the redirect reached the other server %d times", otherHits.Load())
	}
	_, err = get(t, c, srv.URL+"/other-loopback")
	oneSentence(t, err, "redirected to https://127.0.0.2"+srv.URL[strings.LastIndexByte(srv.URL, ':'):]+"/ok, where 127.0.0.2")
	var ae *safehttp.AddressError
	if !errors.As(err, &ae) {
		t.Errorf("redirect to 127.0.0.2: %v (%T)", err, err)
	}
	_, err = get(t, c, srv.URL+"/plain")
	oneSentence(t, err, "which was not followed: redirects must stay on HTTPS")
	_, err = get(t, c, srv.URL+"/loop")
	oneSentence(t, err, "more than 5 redirects")
	var re *safehttp.RedirectError
	if !errors.As(err, &re) {
		t.Errorf("redirect loop: %v (%T)", err, err)
	}
}

func TestPlainHTTPNeedsAllowHTTP(t *testing.T) {
	h, hits := counted(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "plain") })
	srv := httptest.NewServer(h)
	defer srv.Close()
	p := safehttptest.Policy(t, srv)
	_, err := get(t, safehttp.New(p), srv.URL+"/feed.txt")
	oneSentence(t, err, "plain HTTP is not allowed")
	if !errors.Is(err, safehttp.ErrPlainHTTP) || hits.Load() != 0 {
		t.Errorf("error %v, %d requests reached the server", err, hits.Load())
	}
	p.AllowHTTP = true
	if body, err := get(t, safehttp.New(p), srv.URL+"/feed.txt"); err != nil || body != "plain" {
		t.Errorf("with AllowHTTP: body %q, err %v", body, err)
	}
}

func TestCheck(t *testing.T) {
	for url, want := range map[string]string{
		"https://rdap.example/":    "",
		"http://rdap.example/":     "plain HTTP is not allowed",
		"ftp://feeds.example/a":    "only https:// URLs are fetched",
		"file:///etc/passwd":       "only https:// URLs are fetched",
		"https:///no-host":         "the URL names no host",
		"https://bad host.example": "not a URL",
	} {
		err := safehttp.Policy{}.Check(url)
		if want == "" {
			if err != nil {
				t.Errorf("%s: %v", url, err)
			}
			continue
		}
		oneSentence(t, err, want)
	}
}

func TestBodyLimit(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := strings.Repeat("x", 1<<10)
		switch r.URL.Path {
		case "/over-streamed":
			io.WriteString(w, body)
			w.(http.Flusher).Flush() // no Content-Length: the limit shows while reading
			io.WriteString(w, "y")
		case "/over-declared":
			w.Header().Set("Content-Length", "1025")
			io.WriteString(w, body+"y")
		default:
			io.WriteString(w, body)
		}
	}))
	defer srv.Close()
	c := safehttp.New(safehttptest.Policy(t, srv))
	if body, err := get(t, c, srv.URL+"/exact"); err != nil || len(body) != 1<<10 {
		t.Errorf("a body at the limit: %d bytes, %v", len(body), err)
	}
	for _, path := range []string{"/over-streamed", "/over-declared"} {
		body, err := get(t, c, srv.URL+path)
		oneSentence(t, err, "is larger than 1 KiB")
		var tl *safehttp.TooLargeError
		if !errors.As(err, &tl) || len(body) > 1<<10 {
			t.Errorf("%s: %d bytes, %v (%T)", path, len(body), err, err)
		}
	}
}

// TestNamesResolvedByTheConfiguredResolver: the made-up names exist only
// in the test's DNS server. One resolves to the allowed server; the other
// to another loopback address, which is refused on the address dialled,
// whatever the name.
func TestNamesResolvedByTheConfiguredResolver(t *testing.T) {
	var port string
	srv := safehttptest.NewTLSServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/rebind" {
			http.Redirect(w, r, "https://rebind.test.example:"+port+"/", http.StatusFound)
			return
		}
		io.WriteString(w, "ok via "+r.Host)
	}), "feeds.test.example", "rebind.test.example")
	port = srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
	resolver := dnstest.Serve(t, dnstest.Zone{
		"feeds.test.example.":  {dns.TypeA: {"127.0.0.1"}},
		"rebind.test.example.": {dns.TypeA: {"127.0.0.2"}},
	})
	p := safehttptest.Policy(t, srv)
	p.Resolver = safehttp.Resolver(resolver)
	c := safehttp.New(p)
	if body, err := get(t, c, "https://feeds.test.example:"+port+"/"); err != nil || body != "ok via feeds.test.example:"+port {
		t.Fatalf("body %q, err %v", body, err)
	}
	_, err := get(t, c, "https://rebind.test.example:"+port+"/")
	oneSentence(t, err, "127.0.0.2:"+port+" is a loopback address")
	_, err = get(t, c, "https://feeds.test.example:"+port+"/rebind")
	oneSentence(t, err, "127.0.0.2:"+port+" is a loopback address")
}
