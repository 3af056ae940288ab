package web

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mekiki/mekiki"
)

// serveTest starts s on loopback and returns its address.
func serveTest(t *testing.T, s *Server) *httptest.Server {
	t.Helper()
	if s.Analyzer == nil {
		s.Analyzer, _ = mekiki.New(mekiki.Options{})
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv
}

// withHistory serves s with a history that holds the phishing fixture.
func withHistory(t *testing.T, s *Server) (*httptest.Server, int64) {
	t.Helper()
	h, err := OpenHistory(filepath.Join(t.TempDir(), "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	id, err := h.Add("Amazon アカウントの確認", "phishing", 9, fixture(t, "phish-iso2022jp-amazon.eml"))
	if err != nil {
		t.Fatal(err)
	}
	s.History = h
	return serveTest(t, s), id
}

type response struct {
	code   int
	header http.Header
	body   string
}

// do sends one request, with the Host and headers given, and reads the
// answer without following redirects.
func do(t *testing.T, method, u, host string, header map[string]string, body string) response {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, string(b)}
}

func TestForeignHostRefused(t *testing.T) {
	srv, id := withHistory(t, &Server{AllowedHosts: []string{"mekiki.corp.example", "proxy.example:8443"}})
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	entry := srv.URL + fmt.Sprintf("/history/%d", id)
	// DNS rebinding: evil.example resolves to 127.0.0.1, the browser sends
	// its own name.
	for _, host := range []string{"evil.example", "evil.example:" + port, "localhost.evil.example:" + port, "localhost:1", "127.0.0.1:1", "mekiki.corp.example.evil:" + port, "proxy.example:" + port} {
		r := do(t, "GET", entry, host, nil, "")
		if r.code != http.StatusMisdirectedRequest || !strings.Contains(r.body, "Host") || strings.Contains(r.body, "Amazon") || strings.Contains(r.body, "v-phishing") {
			t.Errorf("Host %q: %d %.200s", host, r.code, r.body)
		}
		if !strings.Contains(r.body, "応答しません") {
			t.Errorf("Host %q: the refusal is not in Japanese: %.200s", host, r.body)
		}
	}
	r := do(t, "POST", srv.URL+"/api/v1/analyze", "evil.example:"+port, nil, string(fixture(t, "legit-amazon-order.eml")))
	var e map[string]string
	if r.code != http.StatusMisdirectedRequest || json.Unmarshal([]byte(r.body), &e) != nil || !strings.Contains(e["error"], "Host") {
		t.Errorf("API with a foreign Host: %d %s", r.code, r.body)
	}
	for _, host := range []string{"", "localhost:" + port, "LOCALHOST:" + port, "127.0.0.1:" + port, "[::1]:" + port, "mekiki.corp.example", "mekiki.corp.example:443", "proxy.example:8443"} {
		if r := do(t, "GET", entry, host, nil, ""); r.code != 200 || !strings.Contains(r.body, "v-phishing") {
			t.Errorf("Host %q: %d", host, r.code)
		}
	}
}

func TestCrossSiteRequestsRefused(t *testing.T) {
	var analyses atomic.Int32
	s := &Server{analysing: func() { analyses.Add(1) }}
	srv, id := withHistory(t, s)
	del := srv.URL + fmt.Sprintf("/history/%d/delete", id)
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	source := url.Values{"source": {string(fixture(t, "legit-amazon-order.eml"))}}.Encode()
	for _, h := range []map[string]string{
		{"Origin": "http://evil.example"},
		{"Origin": "http://127.0.0.1:1"},
		{"Origin": "null"},
		{"Sec-Fetch-Site": "cross-site"},
		{"Sec-Fetch-Site": "same-site"}, // another port of 127.0.0.1
		{"Sec-Fetch-Site": "cross-site", "Origin": srv.URL},
	} {
		for k, v := range form {
			h[k] = v
		}
		for _, path := range []string{del, srv.URL + "/analyze", srv.URL + "/report/json"} {
			r := do(t, "POST", path, "", h, source)
			if r.code != http.StatusForbidden || !strings.Contains(r.body, "別のサイト") || !strings.Contains(r.body, "another site") {
				t.Errorf("%s with %v: %d %.200s", path, h, r.code, r.body)
			}
		}
		r := do(t, "POST", srv.URL+"/api/v1/analyze", "", h, string(fixture(t, "legit-amazon-order.eml")))
		var e map[string]string
		if r.code != http.StatusForbidden || json.Unmarshal([]byte(r.body), &e) != nil || e["error"] == "" {
			t.Errorf("API with %v: %d %s", h, r.code, r.body)
		}
	}
	if recent, _ := s.History.Recent(10); len(recent) != 1 || recent[0].ID != id || analyses.Load() != 0 {
		t.Fatalf("after the refused requests: history %+v, %d analyses", recent, analyses.Load())
	}
	// curl and scripts send neither header; the page itself sends
	// Sec-Fetch-Site: same-origin (or, in older browsers, its Origin).
	if r := do(t, "POST", srv.URL+"/api/v1/analyze", "", nil, string(fixture(t, "legit-amazon-order.eml"))); r.code != 200 {
		t.Errorf("API without Origin: %d", r.code)
	}
	if r := do(t, "POST", srv.URL+"/analyze", "", map[string]string{"Content-Type": form["Content-Type"], "Sec-Fetch-Site": "same-origin", "Origin": srv.URL}, source); r.code != 200 {
		t.Errorf("the page's own form: %d", r.code)
	}
	if r := do(t, "POST", del, "", map[string]string{"Origin": srv.URL}, ""); r.code != http.StatusSeeOther {
		t.Errorf("delete from the page: %d", r.code)
	}
	if recent, _ := s.History.Recent(10); len(recent) != 1 || recent[0].ID == id {
		t.Errorf("history after the page's own requests: %+v", recent)
	}
}

func TestConcurrencyCapHeldSlots(t *testing.T) {
	s := &Server{MaxConcurrent: 2}
	srv, id := withHistory(t, s)
	s.slots <- struct{}{}
	s.slots <- struct{}{}
	mail := string(fixture(t, "legit-amazon-order.eml"))
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	raw := url.Values{"raw": {base64.StdEncoding.EncodeToString([]byte(mail))}}.Encode()
	r := do(t, "POST", srv.URL+"/api/v1/analyze", "", nil, mail)
	var e map[string]string
	if r.code != 503 || r.header.Get("Retry-After") == "" || json.Unmarshal([]byte(r.body), &e) != nil || !strings.Contains(e["error"], "retry") {
		t.Errorf("API: %d Retry-After %q %s", r.code, r.header.Get("Retry-After"), r.body)
	}
	for _, c := range []struct{ method, path, body string }{
		{"POST", "/analyze?lang=en", url.Values{"source": {mail}}.Encode()},
		{"GET", fmt.Sprintf("/history/%d?lang=en", id), ""},
		{"POST", "/report/council?lang=en", raw},
		{"POST", "/iocs/stix?lang=en", raw},
	} {
		r := do(t, c.method, srv.URL+c.path, "", form, c.body)
		if r.code != 503 || r.header.Get("Retry-After") == "" || !strings.Contains(r.body, "try again in a few seconds") {
			t.Errorf("%s %s: %d Retry-After %q", c.method, c.path, r.code, r.header.Get("Retry-After"))
		}
	}
	if r := do(t, "GET", srv.URL+"/?lang=ja", "", nil, ""); r.code != 200 {
		t.Errorf("the index needs no slot: %d", r.code)
	}
	<-s.slots
	if r := do(t, "POST", srv.URL+"/api/v1/analyze", "", nil, mail); r.code != 200 {
		t.Errorf("with a free slot: %d", r.code)
	}
	if r := do(t, "POST", srv.URL+"/analyze", "", form, url.Values{"source": {mail}}.Encode()); r.code != 200 || len(s.slots) != 1 {
		t.Errorf("page with a free slot: %d, %d slots taken after", r.code, len(s.slots))
	}
}

func TestConcurrencyCapDuringAnalysis(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	s := &Server{MaxConcurrent: 1}
	s.analysing = func() {
		entered <- struct{}{}
		<-release
	}
	srv := serveTest(t, s)
	mail := string(fixture(t, "phish-iso2022jp-amazon.eml"))
	first := make(chan response)
	go func() {
		resp, err := http.Post(srv.URL+"/api/v1/analyze", "message/rfc822", strings.NewReader(mail))
		if err != nil {
			first <- response{code: -1, body: err.Error()}
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		first <- response{code: resp.StatusCode, body: string(b)}
	}()
	<-entered // the first analysis holds the only slot
	r := do(t, "POST", srv.URL+"/api/v1/analyze", "", nil, mail)
	if r.code != 503 || r.header.Get("Retry-After") != retryAfter {
		t.Errorf("second analysis: %d Retry-After %q", r.code, r.header.Get("Retry-After"))
	}
	r = do(t, "POST", srv.URL+"/analyze", "", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, url.Values{"source": {mail}}.Encode())
	if r.code != 503 || !strings.Contains(r.body, "手が空いていません") {
		t.Errorf("page during the analysis: %d", r.code)
	}
	close(release)
	if f := <-first; f.code != 200 || !strings.Contains(f.body, `"verdict": "phishing"`) {
		t.Errorf("first analysis: %d %.200s", f.code, f.body)
	}
	s.analysing = func() {}
	if r := do(t, "POST", srv.URL+"/api/v1/analyze", "", nil, mail); r.code != 200 {
		t.Errorf("after the first finished: %d", r.code)
	}
}

func TestBodyLimitBeforeReading(t *testing.T) {
	var analyses atomic.Int32
	s := &Server{MaxBytes: 64 << 10, analysing: func() { analyses.Add(1) }}
	srv := serveTest(t, s)
	big := "Subject: big\r\n\r\n" + strings.Repeat("a", 200<<10)
	if r := do(t, "POST", srv.URL+"/api/v1/analyze", "", nil, big); r.code != 413 {
		t.Errorf("API: %d", r.code)
	}
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	if r := do(t, "POST", srv.URL+"/analyze?lang=en", "", form, url.Values{"source": {big}}.Encode()); r.code != 413 || !strings.Contains(r.body, "larger than the limit") {
		t.Errorf("page: %d", r.code)
	}
	if r := do(t, "POST", srv.URL+"/analyze", "", form, url.Values{"source": {big + strings.Repeat("a", 2<<20)}}.Encode()); r.code != 413 {
		t.Errorf("page beyond the form's limit: %d", r.code)
	}
	if r := do(t, "POST", srv.URL+"/report/json", "", form, url.Values{"raw": {base64.StdEncoding.EncodeToString([]byte(big))}}.Encode()); r.code != 413 {
		t.Errorf("download: %d", r.code)
	}
	if n := analyses.Load(); n != 0 {
		t.Errorf("%d analyses of oversized mails", n)
	}
	// A body announced too large is refused before any of it is read:
	// this one never arrives.
	pr, pw := io.Pipe()
	defer pw.Close()
	req, _ := http.NewRequest("POST", srv.URL+"/api/v1/analyze", pr)
	req.ContentLength = 1 << 30
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 413 {
		t.Errorf("announced 1 GiB: %d", resp.StatusCode)
	}
}

func TestMailOncePerPage(t *testing.T) {
	srv := serveTest(t, &Server{})
	raw := fixture(t, "phish-iso2022jp-amazon.eml")
	r := do(t, "POST", srv.URL+"/analyze", "", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, url.Values{"source": {string(raw)}}.Encode())
	if r.code != 200 {
		t.Fatalf("analyze: %d", r.code)
	}
	enc := base64.URLEncoding.EncodeToString(raw)
	if n := strings.Count(r.body, enc); n != 1 {
		t.Errorf("the mail is in the page %d times", n)
	}
	if n := strings.Count(r.body, `name="raw"`); n != 1 {
		t.Errorf("%d raw fields", n)
	}
	// The one form carries the mail to each download.
	form := regexp.MustCompile(`(?s)<form method="post" action="/report/council" id="downloads">.*?</form>`).FindString(r.body)
	for _, action := range []string{"/report/council", "/report/json", "/iocs/stix"} {
		if !strings.Contains(form, `formaction="`+action+`"`) {
			t.Errorf("the download form has no button for %s", action)
		}
		// The council report also needs the form's sender field.
		if !strings.Contains(form, `name="from"`) {
			t.Error("the download form has no sender field for the council report")
		}
		d := do(t, "POST", srv.URL+action, "", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, url.Values{"raw": {enc}, "from": {"reporter@example.jp"}}.Encode())
		if d.code != 200 || !strings.HasPrefix(d.header.Get("Content-Disposition"), "attachment") {
			t.Errorf("%s with the page's field: %d", action, d.code)
		}
	}
}

// manyLinks is an HTML mail with n links to different hosts.
func manyLinks(n int) string {
	var b strings.Builder
	b.WriteString("From: \"Amazon\" <info@amazon-notice.example.top>\r\nTo: a@example.jp\r\nSubject: many links\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n<html><body>\r\n")
	for i := range n {
		fmt.Fprintf(&b, "<a href=\"http://x%d.example.top/login\">Amazon %d</a><br>\r\n", i, i)
	}
	b.WriteString("</body></html>\r\n")
	return b.String()
}

func TestPageBoundedForManyLinks(t *testing.T) {
	srv := serveTest(t, &Server{})
	mail := manyLinks(3000)
	var rep mekiki.Report
	api := do(t, "POST", srv.URL+"/api/v1/analyze", "", nil, mail)
	if err := json.Unmarshal([]byte(api.body), &rep); err != nil || len(rep.Links) <= maxRows {
		t.Fatalf("the API found %d links (%v); the test needs more than %d", len(rep.Links), err, maxRows)
	}
	r := do(t, "POST", srv.URL+"/analyze?lang=en", "", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, url.Values{"source": {mail}}.Encode())
	links := regexp.MustCompile(`(?s)<section class="panel" id="links">.*?</section>`).FindString(r.body)
	if rows := strings.Count(links, `<td class="url">`); rows != maxRows {
		t.Errorf("%d link rows", rows)
	}
	if want := fmt.Sprintf("and %d more links", len(rep.Links)+rep.LinksOmitted-maxRows); !strings.Contains(links, want) {
		t.Errorf("the page does not say %q", want)
	}
}

func TestReportViewBoundsRows(t *testing.T) {
	s := &Server{}
	s.Analyzer, _ = mekiki.New(mekiki.Options{})
	s.Handler()
	rep := &mekiki.Report{Verdict: "phishing"}
	for i := range 2500 {
		rep.Links = append(rep.Links, mekiki.Link{Href: fmt.Sprintf("http://x%d.example/", i)})
		rep.Attachments = append(rep.Attachments, mekiki.Attachment{Name: fmt.Sprintf("f%d.zip", i), SHA256: "ab"})
		rep.IOCs.URLs = append(rep.IOCs.URLs, fmt.Sprintf("http://x%d.example/", i))
	}
	v := view{Lang: "en", Report: rep}
	v.setRows(rep)
	var b bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&b, "report.html", v); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if n := strings.Count(page, `<td class="url">`); n != maxRows {
		t.Errorf("%d link rows", n)
	}
	if n := strings.Count(page, `<td class="hash">`); n != maxRows {
		t.Errorf("%d attachment rows", n)
	}
	for _, want := range []string{"and 1500 more links", "and 1500 more attachments", "and 500 more (all of them are in the STIX download)"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}
