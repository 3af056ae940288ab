package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mekiki/mekiki/internal/safehttp"
	"github.com/mekiki/mekiki/internal/safehttp/safehttptest"
)

// allowTestServers lets the commands reach exactly these servers until
// the test ends (the seam no flag reaches).
func allowTestServers(t *testing.T, servers ...*httptest.Server) {
	testServers = safehttptest.Policy(t, servers...)
	t.Cleanup(func() { testServers = safehttp.Policy{} })
}

// countingServer serves body on every path but /gone.txt (404) and
// counts the requests it gets; tls picks HTTPS.
func countingServer(t *testing.T, tls bool, body string) (*httptest.Server, *atomic.Int32) {
	var hits atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path == "/gone.txt" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	})
	srv := httptest.NewUnstartedServer(h)
	if tls {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return srv, &hits
}

// oneLine fails the test unless stderr is exactly one sentence saying want.
func oneLine(t *testing.T, stderr, want string) {
	t.Helper()
	if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, ".\n") || !strings.Contains(stderr, want) {
		t.Errorf("stderr %q, want one sentence saying %q", stderr, want)
	}
}

const feedBody = "https://paypal-verify.example.cn/signin\nhttps://amaz0n.example.top/\n"

func TestFeedsUpdateCommand(t *testing.T) {
	srv, _ := countingServer(t, true, feedBody)
	allowTestServers(t, srv)
	store := filepath.Join(t.TempDir(), "feeds.db")
	code, out, errOut := runCLI("", "feeds", "update", "--feeds", store, "--url", "OpenPhish="+srv.URL+"/feed.txt", "--url", "Gone="+srv.URL+"/gone.txt")
	if code != 0 || !strings.Contains(out, "2 URLs loaded") || !strings.Contains(errOut, "404") {
		t.Fatalf("update: exit %d\n%s\n%s", code, out, errOut)
	}
	code, _, _ = runCLI("", "feeds", "update", "--feeds", store, "--url", "Gone="+srv.URL+"/gone.txt")
	if code != exitError {
		t.Errorf("all downloads failed: exit %d", code)
	}
}

func TestFeedsUpdatePlainHTTPNeedsAllowHTTP(t *testing.T) {
	srv, hits := countingServer(t, false, feedBody)
	allowTestServers(t, srv)
	store := filepath.Join(t.TempDir(), "feeds.db")
	code, _, errOut := runCLI("", "feeds", "update", "--feeds", store, "--url", "OpenPhish="+srv.URL+"/feed.txt")
	if code != exitError {
		t.Errorf("exit %d", code)
	}
	oneLine(t, errOut, "mekiki feeds update: "+srv.URL+"/feed.txt is plain HTTP; give --allow-http to download it anyway.")
	if _, err := os.Stat(store); err == nil || hits.Load() != 0 {
		t.Errorf("the store was created or the server asked (%d requests)", hits.Load())
	}
	code, out, errOut := runCLI("", "feeds", "update", "--feeds", store, "--allow-http", "--url", "OpenPhish="+srv.URL+"/feed.txt")
	if code != 0 || !strings.Contains(out, "2 URLs loaded") {
		t.Errorf("with --allow-http: exit %d\n%s\n%s", code, out, errOut)
	}
	code, _, errOut = runCLI("", "feeds", "update", "--feeds", store, "--url", "x=ftp://feeds.example/feed.txt")
	if code != exitError {
		t.Errorf("ftp: exit %d", code)
	}
	oneLine(t, errOut, "cannot download ftp://feeds.example/feed.txt: only https:// URLs are fetched.")
}

// TestFeedsUpdateRefusesRedirectElsewhere: the allowed feed server
// redirects to another loopback server (same IP, another port), which
// is neither asked nor imported.
func TestFeedsUpdateRefusesRedirectElsewhere(t *testing.T) {
	other, otherHits := countingServer(t, true, "https://injected.example.top/\n")
	srv := httptest.NewTLSServer(http.RedirectHandler(other.URL+"/feed.txt", http.StatusFound))
	defer srv.Close()
	allowTestServers(t, srv)
	store := filepath.Join(t.TempDir(), "feeds.db")
	code, out, errOut := runCLI("", "feeds", "update", "--feeds", store, "--url", "OpenPhish="+srv.URL+"/feed.txt")
	want := "mekiki feeds update: " + srv.URL + "/feed.txt: redirected to " + other.URL + "/feed.txt, where " +
		strings.TrimPrefix(other.URL, "https://") + " is a loopback address, and mekiki connects only to public addresses.\n"
	if code != exitError || out != "" || errOut != want || otherHits.Load() != 0 {
		t.Errorf("exit %d, out %q, stderr %q (want %q), %d requests reached the other server", code, out, errOut, want, otherHits.Load())
	}
}

// TestFeedsUpdateRefusesLoopback: without the tests' allowance, no flag
// lets the command connect to a loopback address; --allow-http lifts
// only the scheme rule.
func TestFeedsUpdateRefusesLoopback(t *testing.T) {
	srv, hits := countingServer(t, false, feedBody)
	store := filepath.Join(t.TempDir(), "feeds.db")
	code, _, errOut := runCLI("", "feeds", "update", "--feeds", store, "--allow-http", "--url", "OpenPhish="+srv.URL+"/feed.txt")
	if code != exitError || !strings.Contains(errOut, srv.URL+"/feed.txt: "+strings.TrimPrefix(srv.URL, "http://")+" is a loopback address") || hits.Load() != 0 {
		t.Errorf("exit %d, stderr %q, %d requests reached the server", code, errOut, hits.Load())
	}
}
