package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const bootstrapBody = `{"publication":"2026-11-20T00:00:00Z","services":[[["top"],["https://rdap.example/top/"]]]}`

func TestRDAPRefreshCommand(t *testing.T) {
	srv, _ := countingServer(t, true, bootstrapBody)
	allowTestServers(t, srv)
	out := filepath.Join(t.TempDir(), "dns.json")
	code, stdout, errOut := runCLI("", "rdap", "refresh", "--url", srv.URL, "--out", out)
	if code != 0 || !strings.Contains(stdout, "2026-11-20") {
		t.Fatalf("refresh: exit %d %q %q", code, stdout, errOut)
	}
	if code, _, errOut := runCLI("", "rdap", "fetch"); code != exitError || errOut == "" {
		t.Errorf("bad subcommand: exit %d", code)
	}
}

func TestRDAPRefreshPlainHTTPNeedsAllowHTTP(t *testing.T) {
	srv, hits := countingServer(t, false, bootstrapBody)
	allowTestServers(t, srv)
	out := filepath.Join(t.TempDir(), "dns.json")
	code, _, errOut := runCLI("", "rdap", "refresh", "--out", out, "--url", srv.URL+"/dns.json")
	if code != exitError {
		t.Errorf("exit %d", code)
	}
	oneLine(t, errOut, "mekiki rdap refresh: "+srv.URL+"/dns.json is plain HTTP; give --allow-http to download it anyway.")
	if _, err := os.Stat(out); err == nil || hits.Load() != 0 {
		t.Errorf("the file was saved or the server asked (%d requests)", hits.Load())
	}
	if code, stdout, errOut := runCLI("", "rdap", "refresh", "--out", out, "--allow-http", "--url", srv.URL+"/dns.json"); code != 0 || !strings.Contains(stdout, "2026-11-20") {
		t.Errorf("with --allow-http: exit %d %q %q", code, stdout, errOut)
	}
}

// TestRDAPRefreshRefusesRedirectElsewhere: a redirect to another
// loopback server is not followed and nothing is saved.
func TestRDAPRefreshRefusesRedirectElsewhere(t *testing.T) {
	other, otherHits := countingServer(t, true, bootstrapBody)
	srv := httptest.NewTLSServer(http.RedirectHandler(other.URL+"/dns.json", http.StatusFound))
	defer srv.Close()
	allowTestServers(t, srv)
	out := filepath.Join(t.TempDir(), "dns.json")
	code, _, errOut := runCLI("", "rdap", "refresh", "--out", out, "--url", srv.URL+"/dns.json")
	if code != exitError || otherHits.Load() != 0 {
		t.Errorf("exit %d, %d requests reached the other server", code, otherHits.Load())
	}
	oneLine(t, errOut, "mekiki rdap refresh: redirected to "+other.URL+"/dns.json, where "+strings.TrimPrefix(other.URL, "https://")+" is a loopback address, and mekiki connects only to public addresses.")
	if _, err := os.Stat(out); err == nil {
		t.Error("the file was saved")
	}
}

// TestRDAPRefreshRefusesLoopback: without the tests' allowance an HTTPS
// URL on a loopback address is refused before connecting.
func TestRDAPRefreshRefusesLoopback(t *testing.T) {
	srv, hits := countingServer(t, true, bootstrapBody)
	out := filepath.Join(t.TempDir(), "dns.json")
	code, _, errOut := runCLI("", "rdap", "refresh", "--out", out, "--url", srv.URL+"/dns.json")
	if code != exitError || hits.Load() != 0 {
		t.Errorf("exit %d, %d requests reached the server", code, hits.Load())
	}
	oneLine(t, errOut, "mekiki rdap refresh: "+strings.TrimPrefix(srv.URL, "https://")+" is a loopback address, and mekiki connects only to public addresses.")
	if _, err := os.Stat(out); err == nil {
		t.Error("the file was saved")
	}
}
