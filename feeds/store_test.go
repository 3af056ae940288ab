package feeds

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/mekiki/mekiki/domain"
)

const jpcertCSV = "date,url,brand\n" +
	"2026/11/01 10:00:00,https://amazon-co-jp.login-check.example.top/ap/signin?id=1,Amazon\n" +
	"2026/11/02 11:00:00,https://hacked-site.example.com/wp-content/plugins/x/jp/,三井住友カード\n" +
	"2026/11/03 12:00:00,https://whole-site.example.net/,えきねっと\n" +
	"2026/11/03 12:00:00,https://sites.google.com/view/fake-aeon-login,イオンカード\n" +
	"2026/11/03 12:00:00,not a url,x\n"

const phishtankCSV = "phish_id,url,phish_detail_url,submission_time,verified,verification_time,online,target\n" +
	"123,http://paypal-verify.example.org/webscr,http://www.phishtank.com/phish_detail.php?phish_id=123,2026-11-20T10:00:00+00:00,yes,2026-11-20T11:00:00+00:00,yes,PayPal\n"

const plainList = "# OpenPhish community feed\nhttps://evil-login.example.cn/office365/\n\nhttps://short.example/abc\n"

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "feeds.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestImportAndLookup(t *testing.T) {
	s := openTemp(t)
	for _, tc := range []struct {
		data, source string
		format       Format
		rows, skip   int
	}{
		{jpcertCSV, "JPCERT/CC phishurl-list", FormatJPCERT, 4, 1},
		{phishtankCSV, "PhishTank", FormatPhishTank, 1, 0},
		{plainList, "OpenPhish", FormatPlain, 2, 0},
	} {
		res, err := s.Import(strings.NewReader(tc.data), "test", "")
		if err != nil {
			t.Fatalf("%s: %v", tc.format, err)
		}
		if res.Format != tc.format || res.Source != tc.source || res.Rows != tc.rows || res.Skipped != tc.skip {
			t.Errorf("import %s = %+v, want %s %q rows %d skipped %d", tc.format, res, tc.format, tc.source, tc.rows, tc.skip)
		}
	}
	s.Shared = func(host string) bool { return strings.HasSuffix(host, "google.com") }
	listed := map[string]string{
		"https://AMAZON-co-jp.login-check.example.top:443/ap/signin?id=1":   "url",
		"https://hacked-site.example.com/wp-content/plugins/x/jp/index.php": "path",
		"https://other.hacked-site.example.com/wp-content/plugins/x/jp/":    "path",
		"https://whole-site.example.net/any/page":                           "host",
		"https://sites.google.com/view/fake-aeon-login/home":                "path",
		"http://paypal-verify.example.org/webscr":                           "url",
		"https://evil-login.example.cn/office365/":                          "url",
	}
	for raw, match := range listed {
		u, _ := domain.ParseURL(raw)
		hit, ok := s.Lookup(u)
		if !ok || hit.Match != match {
			t.Errorf("Lookup(%s) = %+v %v, want a %s match", raw, hit, ok, match)
		}
	}
	for _, raw := range []string{
		"https://hacked-site.example.com/about/",             // same site, another path
		"https://hacked-site.example.com/wp-content/plugins", // shorter than the listed path
		"https://sub.whole-site.example.net/",                // whole-host listings are per host
		"https://sites.google.com/view/my-club",              // a shared host is never listed whole
		"https://www.example.jp/",
	} {
		u, _ := domain.ParseURL(raw)
		if hit, ok := s.Lookup(u); ok {
			t.Errorf("Lookup(%s) = %+v, want not listed", raw, hit)
		}
	}
	st, err := s.Stats()
	if err != nil || st.Total != 7 || len(st.Sources) != 3 {
		t.Errorf("Stats = %+v, %v; want 7 entries from 3 sources", st, err)
	}
}

func TestImportRejectsNonFeeds(t *testing.T) {
	s := openTemp(t)
	if _, err := s.Import(strings.NewReader("hello\nworld\n"), "x.txt", ""); err != ErrNoURLs {
		t.Errorf("Import(text) error = %v, want ErrNoURLs", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "missing.db"), false); err == nil {
		t.Error("Open of a missing store without create succeeded")
	}
}
