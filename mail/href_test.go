package mail

import (
	"reflect"
	"strings"
	"testing"
)

func TestResolveHref(t *testing.T) {
	cases := []struct{ base, href, want string }{
		// with a scheme: as written
		{"", "https://bank.example/login", "https://bank.example/login"},
		{"", "  HTTP://Bank.example/ ", "HTTP://Bank.example/"},
		{"", "mailto:info@shop.example.jp", "mailto:info@shop.example.jp"},
		{"https://base.example/", "http://other.example/x", "http://other.example/x"},
		// scheme-less, no base: what mail programs open
		{"", "www.bank-login.example.com/signin", "http://www.bank-login.example.com/signin"},
		{"", "WWW.example.co.jp", "http://WWW.example.co.jp"},
		{"", "onlinebanking-check.example.top/login?id=1", "http://onlinebanking-check.example.top/login?id=1"},
		{"", "bank.example.co.jp", "http://bank.example.co.jp"},
		{"", "bank.example.com:8080/x", "http://bank.example.com:8080/x"},
		{"", "203.0.113.9/login.php", "http://203.0.113.9/login.php"},
		{"", "www.bank.example@evil.example.top/x", "http://www.bank.example@evil.example.top/x"},
		{"", "//cdn.example.net/a.png", "http://cdn.example.net/a.png"},
		{"", `\\evil.example.top\login`, `http:\\evil.example.top\login`},
		{"", "ww\tw.evil.example.top/x", "http://ww\tw.evil.example.top/x"},
		{"", "java\nscript:alert(1)", "java\nscript:alert(1)"},
		// relative, no base: no link
		{"", "page.html", ""},
		{"", "images/logo.png", ""},
		{"", "/account/login", ""},
		{"", "#top", ""},
		{"", "?q=1", ""},
		{"", "info@shop.example.jp", ""},
		{"", "1.5", ""},
		{"", "   ", ""},
		// against a base, as a browser
		{"https://base.example/dir/page?x=1#f", "rel/page", "https://base.example/dir/rel/page"},
		{"https://base.example/dir/page?x=1#f", "/root", "https://base.example/root"},
		{"https://base.example/dir/page?x=1#f", "?q=2", "https://base.example/dir/page?q=2"},
		{"https://base.example/dir/page?x=1#f", "#top", "https://base.example/dir/page?x=1#top"},
		{"https://base.example", "x", "https://base.example/x"},
		{"https://base.example/dir/", "//cdn.example.net/a", "https://cdn.example.net/a"},
		{"https://base.example/dir/", "www.other.example", "https://base.example/dir/www.other.example"},
	}
	for _, c := range cases {
		if got := resolveHref(c.base, c.href); got != c.want {
			t.Errorf("resolveHref(%q, %q) = %q, want %q", c.base, c.href, got, c.want)
		}
	}
}

func TestHTMLImagesAndRelativeLinks(t *testing.T) {
	doc := `<html><body><a href="page.html">相対</a><a href="#top">上へ</a>
<a href="www.bank-check.example.top/login">ログイン</a>
<img src="http://203.0.113.7/logo.png"><img src="cid:logo@x"><img src="data:image/png;base64,AAAA"><img src="spacer.gif">
<img src="//img.example.net/banner.png">
<map><area href="map.example.org/shop" alt="店舗"><area href="floor.html" alt="フロア"></map>
<form action="post.cgi"></form></body></html>`
	h := extractHTML(never, []byte(doc))
	wantLinks := []Link{
		{Href: "http://www.bank-check.example.top/login", Text: "ログイン", Source: "a"},
		{Href: "http://map.example.org/shop", Text: "店舗", Source: "area"},
	}
	if !reflect.DeepEqual(h.Links, wantLinks) {
		t.Errorf("links = %+v, want %+v", h.Links, wantLinks)
	}
	wantImages := []Link{
		{Href: "http://203.0.113.7/logo.png", Source: ImageSource},
		{Href: "http://img.example.net/banner.png", Source: ImageSource},
	}
	if !reflect.DeepEqual(h.Images, wantImages) {
		t.Errorf("images = %+v, want %+v", h.Images, wantImages)
	}
}

// TestBaseAppliesToWholeDocument: a browser resolves every relative link
// against the first <base href>, even one written after the link.
func TestBaseAppliesToWholeDocument(t *testing.T) {
	h := extractHTML(never, []byte(`<a href="login">ログイン</a><img src="i.png"><base href="www.evil.example.top/kit/"><base href="https://second.example/">`))
	if len(h.Links) != 1 || h.Links[0].Href != "http://www.evil.example.top/kit/login" {
		t.Errorf("links = %+v", h.Links)
	}
	if len(h.Images) != 1 || h.Images[0].Href != "http://www.evil.example.top/kit/i.png" {
		t.Errorf("images = %+v", h.Images)
	}
}

// TestRepeatedHrefKeepsEveryText: the same URL under several anchors
// keeps each distinct text, in order, at most maxLinkTexts of them.
func TestRepeatedHrefKeepsEveryText(t *testing.T) {
	var b strings.Builder
	b.WriteString("From: a@sender.example\nSubject: x\nContent-Type: text/html; charset=UTF-8\n\n")
	b.WriteString(`<a href="http://198.51.100.4/">お知らせ</a><a href="http://198.51.100.4/">お知らせ</a>`)
	b.WriteString(`<a href="http://198.51.100.4/">https://onlinebanking.example-bank.com/</a>`)
	for i := range 40 {
		b.WriteString(`<a href="http://198.51.100.4/">text ` + strings.Repeat("x", i) + `</a>`)
	}
	b.WriteString(`<img src="http://198.51.100.4/">`)
	m, err := ParseBytes([]byte(b.String()), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Links) != 1 {
		t.Fatalf("links = %+v", m.Links)
	}
	l := m.Links[0]
	if l.Text != "お知らせ" || l.Source != "a" || len(l.Texts) != maxLinkTexts-1 || l.Texts[0] != "https://onlinebanking.example-bank.com/" {
		t.Errorf("link = %+v", l)
	}
}

// TestImageThenLink: an image and a link to the same URL are one link the
// reader can click.
func TestImageThenLink(t *testing.T) {
	raw := "From: a@sender.example\nSubject: x\nContent-Type: text/html; charset=UTF-8\n\n" +
		`<img src="https://promo.example.top/a"><p>https://promo.example.top/a</p><a href="https://promo.example.top/a">見る</a>`
	m, err := ParseBytes([]byte(raw), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Links) != 1 || m.Links[0].Source != "a" || m.Links[0].Text != "見る" {
		t.Errorf("links = %+v", m.Links)
	}
}

// TestLinkBudgetCountsImages: images share the per-message budget of
// distinct links.
func TestLinkBudgetCountsImages(t *testing.T) {
	var b strings.Builder
	b.WriteString("From: a@sender.example\nSubject: x\nContent-Type: text/html; charset=UTF-8\n\n")
	for i := range 30 {
		b.WriteString(`<img src="https://img` + strings.Repeat("a", i) + `.example.net/x.png">`)
	}
	m, err := ParseBytes([]byte(b.String()), Limits{MaxLinks: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Links) != 10 || m.LinksDropped != 20 {
		t.Errorf("%d links kept, %d dropped", len(m.Links), m.LinksDropped)
	}
}

// TestTextWWWOpensOverHTTP: a bare www. URL in plain text is linked by mail
// programs over http, and is the same link as an href written in full.
func TestTextWWWOpensOverHTTP(t *testing.T) {
	raw := "From: a@sender.example\nSubject: x\nContent-Type: text/plain\n\nこちら www.shop.example.jp/sale から\n"
	m, err := ParseBytes([]byte(raw), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Links) != 1 || m.Links[0].Href != "http://www.shop.example.jp/sale" {
		t.Errorf("links = %+v", m.Links)
	}
}

// FuzzResolveHref: any base and href resolve without panicking, and a
// scheme-less href resolves to a URL with a host or to nothing.
func FuzzResolveHref(f *testing.F) {
	f.Add("https://base.example/dir/page?x#f", "rel/page")
	f.Add("", "www.example.jp")
	f.Add("", "bank.example.co.jp:443/x")
	f.Add("x", "//a")
	f.Fuzz(func(t *testing.T, base, href string) {
		got := resolveHref(base, href)
		clean := strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(got)
		if got != "" && !hasScheme(clean) && !strings.Contains(clean, "://") {
			t.Errorf("resolveHref(%q, %q) = %q: neither a scheme nor a host", base, href, got)
		}
	})
}

// TestDefangedURLsAreNoLinks: URLs written the way warnings quote them
// (hxxp, [.], (.), [dot]) are quotations; ordinary URLs beside them stay
// links.
func TestDefangedURLsAreNoLinks(t *testing.T) {
	text := "quoted: https://amazon-jp[.]account-check[.]cn/signin and http://www(.)example(dot)com/x " +
		"and hxxps://bad[.]example[.]top/ but see https://www.example.org/a[1] and https://example.net/p?q=[.]"
	got := textURLs(func() bool { return false }, text)
	want := []string{"https://www.example.org/a[1]", "https://example.net/p?q=[.]"}
	if len(got) != len(want) {
		t.Fatalf("textURLs = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("textURLs[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}
