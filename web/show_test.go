package web

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var formType = map[string]string{"Content-Type": "application/x-www-form-urlencoded"}

// rawForm is the report page's download form carrying raw.
func rawForm(raw string) string {
	return url.Values{"raw": {base64.URLEncoding.EncodeToString([]byte(raw))}}.Encode()
}

// TestShowPageFromReport: the report page's button posts the mail it
// holds to /show, which shows the decoded mail as escaped text.
func TestShowPageFromReport(t *testing.T) {
	srv := serveTest(t, &Server{})
	r := do(t, "POST", srv.URL+"/analyze?lang=en", "", formType, url.Values{"source": {string(fixture(t, "link-disguises.eml"))}}.Encode())
	if r.code != 200 || !regexp.MustCompile(`<button type="submit" form="downloads" id="show" formaction="/show\?lang=en">`).MatchString(r.body) {
		t.Fatalf("report page: %d, no button posting the mail to /show", r.code)
	}
	s := do(t, "POST", srv.URL+"/show?lang=en", "", formType, rawForm(string(fixture(t, "link-disguises.eml"))))
	if s.code != 200 || !strings.HasPrefix(s.header.Get("Content-Type"), "text/html") {
		t.Fatalf("/show: %d %q", s.code, s.header.Get("Content-Type"))
	}
	for _, want := range []string{"The mail, decoded", "MIME structure", "text/html", "ロック解除",
		"https://www.google.com/url?q=https://apple-id-unlock.example.top/&amp;sa=D", "https://apple-id-unlock.example.top/", "аррӏе.com"} {
		if !strings.Contains(s.body, want) {
			t.Errorf("/show lacks %q", want)
		}
	}
}

// TestShowPageEscapesTheMail: nothing of the mail's HTML is rendered, and
// a right-to-left override is written out, not applied.
func TestShowPageEscapesTheMail(t *testing.T) {
	srv := serveTest(t, &Server{})
	mail := "From: \"<img src=x onerror=alert(1)>\" <a@attacker.example>\r\nSubject: invoice\u202efdp.exe\r\n" +
		"Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hello</p><script>alert('x')</script><b onclick=\"alert(2)\">bold</b>" +
		"<div style=\"display:none\">hidden words</div><a href=\"https://attacker.example/\">open</a>\r\n"
	s := do(t, "POST", srv.URL+"/show", "", formType, rawForm(mail))
	if s.code != 200 {
		t.Fatalf("/show: %d", s.code)
	}
	for _, bad := range []string{"<img src=x", "<script>alert", "onclick=", "<b ", "\u202e", `href="https://attacker.example/"`} {
		if strings.Contains(s.body, bad) {
			t.Errorf("/show holds %q from the mail", bad)
		}
	}
	for _, want := range []string{"invoice[U&#43;202E]fdp.exe", "&lt;img src=x onerror=alert(1)&gt;", "Hello", "hidden words", "隠された文字"} {
		if !strings.Contains(s.body, want) {
			t.Errorf("/show lacks %q", want)
		}
	}
}

// TestShowPageGuards: /show is a state-free POST but carries a mail, so
// it follows the guards of every page: Host check, cross-site refusal,
// the cap on concurrent work, and the body limit.
func TestShowPageGuards(t *testing.T) {
	s := &Server{MaxConcurrent: 1, MaxBytes: 64 << 10}
	srv := serveTest(t, s)
	form := rawForm(string(fixture(t, "legit-amazon-order.eml")))
	if r := do(t, "POST", srv.URL+"/show", "evil.example", formType, form); r.code != http.StatusMisdirectedRequest {
		t.Errorf("foreign Host: %d", r.code)
	}
	cross := map[string]string{"Content-Type": formType["Content-Type"], "Sec-Fetch-Site": "cross-site"}
	if r := do(t, "POST", srv.URL+"/show", "", cross, form); r.code != http.StatusForbidden || strings.Contains(r.body, "MIME") {
		t.Errorf("cross-site POST: %d", r.code)
	}
	s.slots <- struct{}{}
	if r := do(t, "POST", srv.URL+"/show?lang=en", "", formType, form); r.code != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
		t.Errorf("no free slot: %d", r.code)
	}
	<-s.slots
	for _, c := range []struct {
		body string
		code int
	}{
		{"", 400},
		{url.Values{"raw": {"%%%not base64"}}.Encode(), 400},
		{rawForm(strings.Repeat("a", 70<<10)), 400},
		{rawForm("just words, no header\n"), 422},
	} {
		if r := do(t, "POST", srv.URL+"/show", "", formType, c.body); r.code != c.code || strings.Contains(r.body, "MIME") {
			t.Errorf("%.30q: %d, want %d", c.body, r.code, c.code)
		}
	}
	if r := do(t, "POST", srv.URL+"/show", "", formType, form); r.code != 200 || len(s.slots) != 0 {
		t.Errorf("with a free slot: %d, %d slots held after", r.code, len(s.slots))
	}
}
