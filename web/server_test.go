package web

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mekiki/mekiki"
)

func newServer(t *testing.T, token string, max int64) *httptest.Server {
	t.Helper()
	a, _ := mekiki.New(mekiki.Options{})
	s := &Server{Analyzer: a, Token: token, MaxBytes: max}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv
}

func fixture(t *testing.T, name string) []byte {
	b, err := os.ReadFile("../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAPI(t *testing.T) {
	srv := newServer(t, "", 64<<10)
	post := func(body []byte) (int, map[string]any) {
		resp, err := http.Post(srv.URL+"/api/v1/analyze", "message/rfc822", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		json.NewDecoder(resp.Body).Decode(&m)
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("content type %q", ct)
		}
		return resp.StatusCode, m
	}
	code, rep := post(fixture(t, "phish-iso2022jp-amazon.eml"))
	if code != 200 || rep["verdict"] != "phishing" || rep["findings"] == nil {
		t.Errorf("phishing fixture: %d %v", code, rep["verdict"])
	}
	for _, c := range []struct {
		body []byte
		code int
		want string
	}{
		{nil, 400, "empty"},
		{[]byte("   \n"), 400, "empty"},
		{bytes.Repeat([]byte("a"), 70<<10), 413, "larger than the limit"},
		{[]byte("just some words without any header\n"), 422, "not a mail"},
	} {
		code, m := post(c.body)
		if code != c.code || !strings.Contains(m["error"].(string), c.want) {
			t.Errorf("%q…: %d %v, want %d %q", string(c.body[:min(len(c.body), 20)]), code, m, c.code, c.want)
		}
	}
	for _, path := range []string{"/healthz", "/api/openapi.json"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %v %v", path, err, resp)
		}
		var m map[string]any
		if json.NewDecoder(resp.Body).Decode(&m) != nil {
			t.Errorf("%s is not JSON", path)
		}
		resp.Body.Close()
	}
}

func TestToken(t *testing.T) {
	srv := newServer(t, "s3cret", 0)
	req, _ := http.NewRequest("POST", srv.URL+"/api/v1/analyze", bytes.NewReader(fixture(t, "legit-amazon-order.eml")))
	resp, _ := http.DefaultClient.Do(req)
	if resp.StatusCode != 401 {
		t.Errorf("no token: %d", resp.StatusCode)
	}
	resp.Body.Close()
	req, _ = http.NewRequest("POST", srv.URL+"/api/v1/analyze", bytes.NewReader(fixture(t, "legit-amazon-order.eml")))
	req.Header.Set("Authorization", "Bearer s3cret")
	resp, _ = http.DefaultClient.Do(req)
	if resp.StatusCode != 200 {
		t.Errorf("with token: %d", resp.StatusCode)
	}
	resp.Body.Close()
	if resp, _ := http.Get(srv.URL + "/"); resp.StatusCode != 401 {
		t.Errorf("page without token: %d", resp.StatusCode)
	}
	if resp, _ := http.Get(srv.URL + "/?token=s3cret"); resp.StatusCode != 200 || len(resp.Cookies()) == 0 {
		t.Errorf("page with token: %d cookies %v", resp.StatusCode, resp.Cookies())
	}
}

func TestPages(t *testing.T) {
	srv := newServer(t, "", 0)
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'none'") || !strings.Contains(string(body), "Gmail") {
		t.Errorf("index: CSP %q", resp.Header.Get("Content-Security-Policy"))
	}
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	fw, _ := mw.CreateFormFile("mail", "mail.eml")
	fw.Write(fixture(t, "phish-iso2022jp-amazon.eml"))
	mw.Close()
	resp, err = http.Post(srv.URL+"/analyze", mw.FormDataContentType(), &form)
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"v-phishing", "sender.brand_mismatch", "amaz0n-co-jp.verify-account.top", `sandbox=""`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	resp, _ = http.PostForm(srv.URL+"/analyze", map[string][]string{"source": {""}})
	if resp.StatusCode != 400 {
		t.Errorf("empty form: %d", resp.StatusCode)
	}
}

func TestPreviewDefangs(t *testing.T) {
	html := `<p onclick="alert(1)">Hi <a href="https://evil.example/login">Amazon</a><img src="https://tracker.example/p.gif" alt="logo">` +
		`<script>alert(2)</script><style>body{background:url(https://x.example/a)}</style><iframe src="https://x.example"></iframe>` +
		`<form action="https://x.example"><input name=p></form><a href="javascript:alert(3)">x</a><svg onload="alert(4)"></svg></p>`
	out := previewPolicy.Sanitize(defangHTML(html))
	for _, bad := range []string{"<script", "onclick", "<img", "<a ", "<style", "<iframe", "<form", "<input", "<svg", "url(", "alert(2)"} {
		if strings.Contains(out, bad) {
			t.Errorf("preview keeps %q: %s", bad, out)
		}
	}
	for _, want := range []string{"Amazon", "[https://evil.example/login]", "[画像: logo]", "[javascript:alert(3)]"} {
		if !strings.Contains(out, want) {
			t.Errorf("preview lacks %q: %s", want, out)
		}
	}
}

func TestDownloads(t *testing.T) {
	srv := newServer(t, "", 0)
	raw := base64.StdEncoding.EncodeToString(fixture(t, "phish-iso2022jp-amazon.eml"))
	for path, want := range map[string]string{"/report/council": "From: reporter@example.jp", "/iocs/stix": `"type": "bundle"`} {
		resp, err := http.PostForm(srv.URL+path, url.Values{"raw": {raw}, "from": {"reporter@example.jp"}})
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("%s: %d %q", path, resp.StatusCode, string(body[:min(len(body), 120)]))
		}
	}
	if resp, _ := http.PostForm(srv.URL+"/report/council", url.Values{"raw": {"!!"}}); resp.StatusCode != 400 {
		t.Errorf("bad raw: %d", resp.StatusCode)
	}
	// A council report without a sender, with a forged header in the
	// sender, or of a mail judged clean is refused with a sentence.
	clean := base64.StdEncoding.EncodeToString(fixture(t, "legit-amazon-order.eml"))
	for name, form := range map[string]url.Values{
		"no sender": {"raw": {raw}},
		"header":    {"raw": {raw}, "from": {"a@example.jp\r\nBcc: x@example.net"}},
		"clean":     {"raw": {clean}, "from": {"reporter@example.jp"}},
	} {
		resp, err := http.PostForm(srv.URL+"/report/council", form)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 400 || !strings.Contains(string(body), "。") {
			t.Errorf("council, %s: %d %q", name, resp.StatusCode, body)
		}
	}
}

func TestHistory(t *testing.T) {
	h, err := OpenHistory(filepath.Join(t.TempDir(), "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	a, _ := mekiki.New(mekiki.Options{})
	srv := httptest.NewServer((&Server{Analyzer: a, History: h}).Handler())
	defer srv.Close()
	resp, _ := http.PostForm(srv.URL+"/analyze", url.Values{"source": {string(fixture(t, "phish-iso2022jp-amazon.eml"))}})
	resp.Body.Close()
	recent, _ := h.Recent(10)
	if len(recent) != 1 || recent[0].Verdict != "phishing" {
		t.Fatalf("history %+v", recent)
	}
	resp, _ = http.Get(srv.URL + "/")
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "/history/"+fmt.Sprint(recent[0].ID)) {
		t.Error("index does not list the analysis")
	}
	resp, _ = http.Get(srv.URL + "/history/" + fmt.Sprint(recent[0].ID))
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "v-phishing") {
		t.Errorf("reopen: %d", resp.StatusCode)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, _ = client.Post(srv.URL+"/history/"+fmt.Sprint(recent[0].ID)+"/delete", "application/x-www-form-urlencoded", nil)
	resp.Body.Close()
	if recent, _ := h.Recent(10); len(recent) != 0 || resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after delete: %d left, status %d", len(recent), resp.StatusCode)
	}
	if resp, _ := http.Get(srv.URL + "/history/999"); resp.StatusCode != 404 {
		t.Errorf("missing entry: %d", resp.StatusCode)
	}
}

func TestMarksAndRoute(t *testing.T) {
	if got := funcs["marks"].(func(string) template.HTML)("micr[0]s[0]ft<x>"); got != "micr<mark>0</mark>s<mark>0</mark>ft&lt;x&gt;" {
		t.Errorf("marks %q", got)
	}
	srv := newServer(t, "", 0)
	resp, _ := http.PostForm(srv.URL+"/analyze", url.Values{"source": {string(fixture(t, "link-lookalike-microsoft.eml"))}})
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "<mark>0</mark>") || !strings.Contains(string(body), `id="route"`) {
		t.Error("report lacks the marked characters or the route")
	}
}
