package check

import (
	"strings"
	"testing"

	"github.com/mekiki/mekiki/kb"
	"github.com/mekiki/mekiki/mail"
)

// linkMessage builds a message whose HTML body holds the given anchors
// (text → href).
func linkMessage(t *testing.T, from string, anchors ...[2]string) *mail.Message {
	t.Helper()
	var body strings.Builder
	for _, a := range anchors {
		body.WriteString(`<p><a href="` + a[1] + `">` + a[0] + "</a></p>\n")
	}
	raw := "From: " + from + "\nTo: user@example-corp.co.jp\nSubject: お知らせ\nContent-Type: text/html; charset=UTF-8\n\n" + body.String()
	m, err := mail.ParseBytes([]byte(raw), mail.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLinkChecks(t *testing.T) {
	cases := []struct {
		name   string
		from   string
		anchor [2]string
		want   map[string]string // id → severity; "" means must not fire
	}{
		{"brand URL shown over another host", "info@notice.example.net",
			[2]string{"https://www.eki-net.com/", "https://eki-net.account-check.example.cn/login"},
			map[string]string{"url.anchor_mismatch": High}},
		{"brand domain written bare", "info@notice.example.net",
			[2]string{"Amazon.co.jp にログイン", "http://amaz0n-co-jp.verify.example.top/"},
			map[string]string{"url.anchor_mismatch": High}},
		{"other site's URL over another host", "news@shop.example.jp",
			[2]string{"https://www.partner-shop.example.com/", "https://redirect.example.org/x"},
			map[string]string{"url.anchor_mismatch": Medium}},
		{"shop URL over an ESP click tracker", "news@shop.example.jp",
			[2]string{"https://www.shop.example.jp/sale", "https://u123.ct.sendgrid.net/ls/click?upn=abc"},
			map[string]string{"url.anchor_mismatch": Low}},
		{"same organisation", "news@shop.example.jp",
			[2]string{"https://www.shop.example.jp/", "https://click.shop.example.jp/r?u=1"},
			map[string]string{"url.anchor_mismatch": ""}},
		{"one brand's two domains", "auto-confirm@amazon.co.jp",
			[2]string{"https://www.amazon.co.jp/", "https://www.amazon.com/gp/r.html"},
			map[string]string{"url.anchor_mismatch": ""}},
		{"product name with a dot is no domain", "news@dev.example.org",
			[2]string{"ASP.NET tips", "https://www.wrox.example.com/asp"},
			map[string]string{"url.anchor_mismatch": ""}},
		{"claimed brand's name over another host", "\"三井住友カード\" <info@notice.example.net>",
			[2]string{"三井住友カード", "https://www.e.card-check.example.com/"},
			map[string]string{"url.anchor_mismatch": Medium}},
		{"brand's name over its own site", "\"三井住友カード\" <info@smbc-card.com>",
			[2]string{"三井住友カード", "https://www.smbc-card.com/"},
			map[string]string{"url.anchor_mismatch": ""}},
		{"brand named by a mail that does not claim it", "news@shop.example.jp",
			[2]string{"PayPal", "https://www.shop.example.jp/payment-methods"},
			map[string]string{"url.anchor_mismatch": ""}},
		{"a sentence that mentions a brand", "\"PayPal\" <info@notice.example.net>",
			[2]string{"PayPal でのお支払い方法とご利用の流れについて", "https://www.shop.example.jp/help"},
			map[string]string{"url.anchor_mismatch": ""}},
		{"IP literal", "a@sender.example", [2]string{"こちら", "http://203.0.113.9/login.php"},
			map[string]string{"url.ip_literal": High}},
		{"decimal IP", "a@sender.example", [2]string{"こちら", "http://3405803785/"},
			map[string]string{"url.ip_literal": High}},
		{"userinfo trick", "a@sender.example", [2]string{"こちら", "http://www.amazon.co.jp@evil.example.top/"},
			map[string]string{"url.userinfo_trick": High}},
		{"e-mail address in a path is no userinfo", "a@sender.example", [2]string{"解除", "https://shop.example.jp/unsub?u=a@b.example"},
			map[string]string{"url.userinfo_trick": ""}},
		{"free hosting behind a brand claim", "\"えきねっと\" <a@sender.example>", [2]string{"ログイン", "https://eki-net-login.abc123.workers.dev/"},
			map[string]string{"url.free_hosting": High}},
		{"provider's own site", "a@sender.example", [2]string{"DynDNS", "http://www.dyndns.org/"},
			map[string]string{"url.dynamic_dns": ""}},
	}
	for _, c := range cases {
		got := run(linkMessage(t, c.from, c.anchor))
		for id, sev := range c.want {
			if got[id] != sev {
				t.Errorf("%s: %s = %q, want %q", c.name, id, got[id], sev)
			}
		}
	}
}

// TestEveryLinkListEntry: each list entry fires on a customer's host under
// it, and a domain that merely ends with the same letters stays quiet.
func TestEveryLinkListEntry(t *testing.T) {
	k := kb.Default()
	lists := []struct {
		id      string
		entries []string
	}{
		{"url.shortener", yamlList(t, k, "shorteners")},
		{"url.dynamic_dns", yamlList(t, k, "dynamic_dns")},
		{"url.free_hosting", yamlList(t, k, "free_hosting")},
	}
	for _, l := range lists {
		for _, e := range l.entries {
			host := "victim-login." + e
			if l.id == "url.shortener" {
				host = e
			}
			if _, ok := run(linkMessage(t, "a@sender.example", [2]string{"こちら", "https://" + host + "/abc"}))[l.id]; !ok {
				t.Errorf("%s: %s did not fire for %s", l.id, e, host)
			}
			if _, ok := run(linkMessage(t, "a@sender.example", [2]string{"こちら", "https://not" + strings.ReplaceAll(e, ".", "-") + ".example.jp/"}))[l.id]; ok {
				t.Errorf("%s: fired for a look-alike of %s", l.id, e)
			}
		}
	}
}

// yamlList reads one list back through the KB's lookups, so the test
// covers exactly the embedded data.
func yamlList(t *testing.T, k *kb.KB, name string) []string {
	t.Helper()
	list := k.List(name)
	if len(list) == 0 {
		t.Fatalf("list %s is empty", name)
	}
	return list
}

func TestLinksInReportCarryFindingIDs(t *testing.T) {
	m := linkMessage(t, "a@sender.example", [2]string{"こちら", "http://203.0.113.9/"}, [2]string{"ok", "https://www.example.jp/"})
	ids := LinkFindings(m, Run(Prepare(m, kb.Default(), Options{})))
	if len(ids) != 2 || len(ids[0]) != 1 || ids[0][0] != "url.ip_literal" || len(ids[1]) != 0 {
		t.Errorf("link finding ids = %v", ids)
	}
}

func TestRecipientInURL(t *testing.T) {
	cases := []struct {
		href string
		want string
	}{
		{"https://login.example.top/auth?u=user@example-corp.co.jp", Medium},
		{"https://login.example.top/auth?u=user%40example-corp.co.jp", Medium},
		{"https://login.example.top/auth#dXNlckBleGFtcGxlLWNvcnAuY28uanA", Medium}, // base64, no padding
		{"https://login.example.top/auth?id=user", ""},                             // local part under 5 letters
		{"https://shop.example.jp/unsubscribe?e=user@example-corp.co.jp", ""},
		{"https://shop.example.jp/items", ""},
	}
	for _, c := range cases {
		got := run(linkMessage(t, "a@sender.example", [2]string{"こちら", c.href}))["url.recipient_in_url"]
		if got != c.want {
			t.Errorf("%s: recipient_in_url = %q, want %q", c.href, got, c.want)
		}
	}
	raw := "From: a@sender.example\nTo: hanako.yamada@example-corp.co.jp\nSubject: x\nContent-Type: text/plain\n\nhttps://login.example.top/?id=hanako.yamada\n"
	m, _ := mail.ParseBytes([]byte(raw), mail.Limits{})
	if got := run(m)["url.recipient_in_url"]; got != Low {
		t.Errorf("local part: recipient_in_url = %q, want low", got)
	}
	list := "From: a@sender.example\nTo: dev-users@lists.example.org\nList-Id: <dev-users.lists.example.org>\nSubject: x\n\nhttps://lists.example.org/listinfo/dev-users\n"
	m, _ = mail.ParseBytes([]byte(list), mail.Limits{})
	if _, ok := run(m)["url.recipient_in_url"]; ok {
		t.Error("a list's own info link must stay quiet")
	}
}

func TestCMSCompromisePath(t *testing.T) {
	k := kb.Default()
	for _, p := range k.CMSPaths {
		href := "https://static.hacked-site.example.com" + p + "themes/mappro/twst.php?uid=x"
		if got := run(linkMessage(t, "a@sender.example", [2]string{"こちら", href}))["url.cms_compromise_path"]; got != High {
			t.Errorf("%s: cms_compromise_path = %q, want high", href, got)
		}
	}
	for _, href := range []string{
		"https://blog.example.jp/wp-content/uploads/2026/11/photo.jpg",
		"https://www.example.jp/login.php",
		"https://www.example.jp/wp-content",
	} {
		if _, ok := run(linkMessage(t, "a@sender.example", [2]string{"こちら", href}))["url.cms_compromise_path"]; ok {
			t.Errorf("%s: cms_compromise_path fired", href)
		}
	}
}

// TestOwnFormHost: a brand's own form host (forms.office.com) is no free
// hosting in the brand's own signed mail, and is in anyone else's.
func TestOwnFormHost(t *testing.T) {
	raw := func(from, auth string) *mail.Message {
		m, err := mail.ParseBytes([]byte("Authentication-Results: mx.example-corp.co.jp; "+auth+"\n"+
			"Received: from out.sender.example (out.sender.example [192.0.2.10]) by mx.example-corp.co.jp with ESMTP; Tue, 24 Nov 2026 09:00:00 +0900\n"+
			"From: "+from+"\nTo: user@example-corp.co.jp\nSubject: survey\nContent-Type: text/html; charset=UTF-8\n\n"+
			`<a href="https://forms.office.com/r/AbCdEf123">Take the survey</a>`+"\n"), mail.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	own := raw("Microsoft <survey@microsoft.com>", "spf=pass smtp.mailfrom=microsoft.com; dkim=pass header.d=microsoft.com; dmarc=pass header.from=microsoft.com")
	if got := run(own); got["url.free_hosting"] != "" {
		t.Errorf("Microsoft's own signed survey: url.free_hosting %q", got["url.free_hosting"])
	}
	other := raw("Survey <survey@sender.example>", "spf=pass smtp.mailfrom=sender.example; dkim=pass header.d=sender.example")
	if got := run(other); got["url.free_hosting"] == "" {
		t.Errorf("a stranger's link to forms.office.com raised no url.free_hosting")
	}
}
