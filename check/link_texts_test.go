package check

import (
	"strings"
	"testing"

	"github.com/mekiki/mekiki/kb"
	"github.com/mekiki/mekiki/mail"
)

// htmlMessage parses a one-part HTML mail from from with the given body.
func htmlMessage(t *testing.T, from, body string) *mail.Message {
	t.Helper()
	raw := "From: " + from + "\nTo: user@example-corp.co.jp\nSubject: お知らせ\nContent-Type: text/html; charset=UTF-8\n\n" + body
	m, err := mail.ParseBytes([]byte(raw), mail.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// findings runs every check and returns the findings by id.
func findings(m *mail.Message) map[string]Finding {
	out := map[string]Finding{}
	for _, f := range Run(Prepare(m, kb.Default(), Options{})) {
		out[string(f.ID)] = f
	}
	return out
}

// TestEveryAnchorTextCompared: one href under several anchors; the second
// anchor shows the bank's domain over an IP address.
func TestEveryAnchorTextCompared(t *testing.T) {
	m := htmlMessage(t, "info@notice.example.net",
		`<p><a href="http://198.51.100.23/smbc/">お知らせ</a></p><p><a href="http://198.51.100.23/smbc/">https://direct.smbc.co.jp/</a></p>`)
	got := findings(m)
	f, ok := got["url.anchor_mismatch"]
	if !ok || f.Severity != High || f.Evidence["shown_domain"] != "direct.smbc.co.jp" {
		t.Errorf("anchor_mismatch = %+v", f)
	}
	// Every text agreeing with the destination: quiet.
	m = htmlMessage(t, "info@smbc.co.jp",
		`<a href="https://direct.smbc.co.jp/">ログイン</a><a href="https://direct.smbc.co.jp/">https://www.smbc.co.jp/</a>`)
	if f, ok := findings(m)["url.anchor_mismatch"]; ok {
		t.Errorf("anchor_mismatch fired on the brand's own texts: %s", f.DetailEN)
	}
}

// TestLureInSecondText: the account-action words may be the second text
// over a link.
func TestLureInSecondText(t *testing.T) {
	m := htmlMessage(t, "info@notice.example.net",
		`<p><a href="http://verify.example.top/a">詳細</a></p><p>パスワードを入力してください。</p><p><a href="http://verify.example.top/a">今すぐ認証</a></p>`)
	got := findings(m)
	if f, ok := got["content.lure_action"]; !ok || f.Evidence["text"] != "今すぐ認証" {
		t.Errorf("lure_action = %+v", f)
	}
	if f, ok := got["url.insecure_login"]; !ok || f.Severity != Medium {
		t.Errorf("insecure_login = %+v", f)
	}
}

// TestSchemelessHrefJudged: an href without a scheme is judged like the
// http URL a mail program opens.
func TestSchemelessHrefJudged(t *testing.T) {
	for _, href := range []string{"amaz0n-co-jp.example.top/signin", "www.amaz0n-co-jp.example.top/signin", "//amaz0n-co-jp.example.top/signin"} {
		m := htmlMessage(t, "info@notice.example.net", `<a href="`+href+`">Amazon.co.jp にログイン</a>`)
		got := findings(m)
		if _, ok := got["url.anchor_mismatch"]; !ok {
			t.Errorf("%s: anchor_mismatch did not fire: %v", href, ids(got))
		}
		if _, ok := got["url.insecure_login"]; !ok {
			t.Errorf("%s: insecure_login did not fire: %v", href, ids(got))
		}
	}
	if got := findings(htmlMessage(t, "info@notice.example.net", `<a href="login.html">ログイン</a>`)); len(got) > 0 {
		if _, ok := got["url.anchor_mismatch"]; ok {
			t.Errorf("a relative link was judged: %v", ids(got))
		}
	}
}

// TestImageHostChecks: an image's host is judged (IP, lookalike), but an
// image raises no text, lure, redirect or recipient finding, and does not
// make a credential request actionable.
func TestImageHostChecks(t *testing.T) {
	m := htmlMessage(t, "info@notice.example.net", `<p>パスワードを入力してください。</p><img src="http://203.0.113.50/logo.png" alt="今すぐ認証">`)
	got := findings(m)
	if f, ok := got["url.ip_literal"]; !ok || f.Severity != Medium || f.Evidence["image"] != true { // an image alone on an IP: medium
		t.Errorf("ip_literal = %+v", f)
	}
	if f := got["content.credential_request"]; f.Severity != Low {
		t.Errorf("credential_request = %q: an image made it actionable", f.Severity)
	}
	for _, id := range []string{"content.lure_action", "url.anchor_mismatch", "url.insecure_login"} {
		if _, ok := got[id]; ok {
			t.Errorf("%s fired for an image", id)
		}
	}
	if got := run(htmlMessage(t, "info@notice.example.net", `<img src="https://www.rec0very-supp0rt-micr0s0ft.org/logo.png">`)); got["url.lookalike_domain"] == "" {
		t.Errorf("an image on a lookalike domain: %v", got)
	}
	// Honest newsletters: images on storage services, behind a shortener's
	// CDN, pixels that carry the recipient, redirects of image proxies.
	quiet := htmlMessage(t, "news@shop.example.jp",
		`<img src="https://storage.googleapis.com/shop-assets/banner.png"><img src="https://firebasestorage.googleapis.com/v0/b/x/o/a.png">`+
			`<img src="https://open.shop.example.jp/o.gif?u=user@example-corp.co.jp"><img src="https://user:pw@img.shop.example.jp/a.png">`)
	for id := range findings(quiet) {
		if strings.HasPrefix(id, "url.") || strings.HasPrefix(id, "content.") {
			t.Errorf("%s fired on an honest newsletter's images", id)
		}
	}
}

func ids(got map[string]Finding) []string {
	var out []string
	for id, f := range got {
		out = append(out, id+"@"+f.Severity)
	}
	return out
}
