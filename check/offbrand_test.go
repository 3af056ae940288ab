package check

import (
	"testing"

	"github.com/mekiki/mekiki/mail"
)

// TestOffbrandAction: a claimed brand whose every action link leads
// elsewhere is raised, strongest on a spoof of the brand's own domain; the
// brand's own authenticated mail, an action on the brand's site, a brand
// named only in the body, and a search form stay quiet.
func TestOffbrandAction(t *testing.T) {
	build := func(auth, from, subject, body string) *mail.Message {
		raw := ""
		if auth != "" {
			raw += "Authentication-Results: mx.example-corp.co.jp; " + auth + "\n"
		}
		raw += "Received: from out.sender.example (out.sender.example [192.0.2.10]) by mx.example-corp.co.jp with ESMTP; Tue, 24 Nov 2026 09:00:00 +0900\n" +
			"From: " + from + "\nTo: user@example-corp.co.jp\nSubject: " + subject + "\nContent-Type: text/html; charset=UTF-8\n\n" + body + "\n"
		m, err := mail.ParseBytes([]byte(raw), mail.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	pass := "spf=pass smtp.mailfrom=paypal.com; dkim=pass header.d=paypal.com; dmarc=pass header.from=paypal.com"
	for _, c := range []struct {
		name             string
		auth, from, subj string
		body             string
		want             string
	}{
		{"spoofed brand domain, button to an IP", "", "PayPal <service@paypal.com>", "Account limited",
			`<a href="http://80.53.249.38/webscr/">Log in</a>`, High},
		{"display name, button elsewhere", "", "PayPal <service@notice.example.top>", "Account limited",
			`<a href="https://paypal-verify.example.net/">Log in</a>`, High},
		{"subject claim, button elsewhere", "", "Support <info@notice.example.top>", "PayPal: account limited",
			`<a href="https://paypal-verify.example.net/">Log in</a>`, Medium},
		{"button to the sender's own organisation (a partner naming the brand)", "", "Card Co <info@card.example.jp>", "PayPal でのお支払い",
			`<a href="https://www.card.example.jp/login">ログイン</a>`, ""},
		{"the brand's own authenticated mail", pass, "PayPal <service@paypal.com>", "Your receipt",
			`<a href="https://click.esp.example/abc">Log in</a>`, ""},
		{"action on the brand's site", "", "PayPal <service@notice.example.top>", "Account limited",
			`<a href="https://www.paypal.com/signin">Log in</a>`, ""},
		{"brand only in the body", "", "News <news@newsletter.example>", "This week",
			`PayPal PayPal <a href="https://shop.example/">Log in</a>`, ""},
		{"search form only", "", "PayPal <service@notice.example.top>", "Account limited",
			`<form action="https://search.example/q"><input name=q></form>`, ""},
	} {
		got := run(build(c.auth, c.from, c.subj, c.body))
		if got["sender.offbrand_action"] != c.want {
			t.Errorf("%s: sender.offbrand_action %q, want %q", c.name, got["sender.offbrand_action"], c.want)
		}
	}
}
