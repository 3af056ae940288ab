package feeds

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mekiki/mekiki/domain"
)

func TestUpdateFromHTTP(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
	res := st.Update(context.Background(), srv.Client(), []Remote{
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
