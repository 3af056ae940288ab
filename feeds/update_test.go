package feeds

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"

	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/internal/safehttp"
	"github.com/mekiki/mekiki/internal/safehttp/safehttptest"
)

func TestUpdateFromHTTP(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/2026/202611.csv":
			w.Write([]byte("date,url,description\n2026/11/20,https://eki-net.login-check.example.top/,えきねっと\n"))
		case "/feed.txt":
			w.Write([]byte("# OpenPhish-like list\nhttps://paypal-verify.example.cn/signin\n"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	st, err := Open(filepath.Join(t.TempDir(), "feeds.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res := st.Update(context.Background(), safehttp.New(safehttptest.Policy(t, srv)), []Remote{
		{Name: "JPCERT/CC phishurl-list", URL: srv.URL + "/2026/202611.csv"},
		{Name: "OpenPhish", URL: srv.URL + "/feed.txt"},
		{Name: "JPCERT/CC phishurl-list", URL: srv.URL + "/2026/202612.csv"},
	})
	if res[0].Err != nil || res[0].Rows != 1 || res[1].Err != nil || res[1].Rows != 1 {
		t.Fatalf("results %+v", res)
	}
	if res[2].Err == nil || !strings.Contains(res[2].Err.Error(), "404") {
		t.Errorf("missing month: %v", res[2].Err)
	}
	u, _ := domain.ParseURL("https://eki-net.login-check.example.top/")
	if hit, ok := st.Lookup(u); !ok || hit.Source != "JPCERT/CC phishurl-list" {
		t.Errorf("JPCERT URL not found after update: %+v", hit)
	}
}

func TestDefaultRemotes(t *testing.T) {
	rs := DefaultRemotes(time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC))
	if len(rs) != 5 || !strings.HasSuffix(rs[0].URL, "/2026/202601.csv") || !strings.HasSuffix(rs[2].URL, "/2025/202511.csv") {
		t.Errorf("remotes %+v", rs)
	}
}

// TestUpdateRefusals: a plain-HTTP feed without AllowHTTP, and a feed
// that redirects to another address (the same loopback IP on another
// port), load nothing; the other server is never asked.
func TestUpdateRefusals(t *testing.T) {
	var otherHits atomic.Int32
	other := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHits.Add(1)
		w.Write([]byte("https://injected.example.top/\n"))
	}))
	defer other.Close()
	srv := httptest.NewTLSServer(http.RedirectHandler(other.URL+"/feed.txt", http.StatusFound))
	defer srv.Close()
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("https://plain.example.top/\n"))
	}))
	defer plain.Close()
	st, err := Open(filepath.Join(t.TempDir(), "feeds.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res := st.Update(context.Background(), safehttp.New(safehttptest.Policy(t, srv, plain)), []Remote{
		{Name: "redirected", URL: srv.URL + "/feed.txt"},
		{Name: "plain", URL: plain.URL + "/feed.txt"},
	})
	if res[0].Err == nil || !strings.Contains(res[0].Err.Error(), "is a loopback address") || otherHits.Load() != 0 {
		t.Errorf("redirect: %v, %d requests reached the other server", res[0].Err, otherHits.Load())
	}
	if !errors.Is(res[1].Err, safehttp.ErrPlainHTTP) {
		t.Errorf("plain HTTP: %v", res[1].Err)
	}
	if s, err := st.Stats(); err != nil || s.Total != 0 {
		t.Errorf("stats %+v %v after refused downloads", s, err)
	}
}

// TestImportCutOff: a feed whose reading fails (cut off, or over the
// download limit) is an error and imports nothing, in both formats.
func TestImportCutOff(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "feeds.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cut := errors.New("the answer is larger than 256 MiB")
	for _, head := range []string{"date,url,description\n2026/11/20,https://a.example.top/,x\n", "https://b.example.top/\n"} {
		_, err := st.Import(io.MultiReader(strings.NewReader(head), iotest.ErrReader(cut)), "feed", "")
		if !errors.Is(err, cut) {
			t.Errorf("%q: %v", head, err)
		}
	}
	if s, err := st.Stats(); err != nil || s.Total != 0 {
		t.Errorf("stats %+v %v after cut-off imports", s, err)
	}
}
