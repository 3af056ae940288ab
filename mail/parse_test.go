package mail

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestDecodeHeader(t *testing.T) {
	cases := []struct{ name, in, hint, want string }{
		{"B utf-8", "=?UTF-8?B?44GC44GE44GG?=", "", "あいう"},
		{"Q underscores", "=?UTF-8?Q?a_b=E3=81=82?=", "", "a bあ"},
		{"lower-case b and q", "=?utf-8?b?44GC?= =?utf-8?q?=E3=81=84?=", "", "あい"},
		{"space between words dropped", "=?UTF-8?B?44GC?= \r\n =?UTF-8?B?44GE?=", "", "あい"},
		{"text between words kept", "=?UTF-8?B?44GC?= x =?UTF-8?B?44GE?=", "", "あ x い"},
		{"no padding", "=?UTF-8?B?44GC44GE?=", "", "あい"},
		{"truncated character stays UTF-8", "=?UTF-8?B?44GC44GE44G?=", "", "あい\uFFFD"},
		// あい in ISO-2022-JP is ESC $ B 24 22 24 24 ESC ( B; cut after the first byte of い
		{"ISO-2022-JP split mid-character", "=?ISO-2022-JP?B?GyRCJCIk?= =?ISO-2022-JP?B?JBsoQg==?=", "", "あい"},
		{"CP932 label", "=?CP932?B?g0GDQw==?=", "", "アイ"},
		{"MS932 label", "=?MS932?B?g0GDQw==?=", "", "アイ"},
		{"Windows-31J label", "=?Windows-31J?B?g0GDQw==?=", "", "アイ"},
		{"x-sjis label", "=?x-sjis?B?g0GDQw==?=", "", "アイ"},
		{"EUC-JP", "=?EUC-JP?B?pKKkpA==?=", "", "あい"},
		{"Shift_JIS bytes labelled ISO-2022-JP", "=?ISO-2022-JP?B?gqCCog==?=", "", "あい"},
		{"raw Shift_JIS", "\x82\xa0\x82\xa2", "", "あい"},
		{"raw EUC-JP", "\xa4\xa2\xa4\xa4\xa4\xa6\xa4\xa8\xa4\xaa", "", "あいうえお"},
		{"raw UTF-8 beats hint", "あい", "shift_jis", "あい"},
		{"raw ISO-2022-JP escapes", "\x1b$B$\"$$\x1b(B", "", "あい"},
		{"RFC 2231 language suffix", "=?UTF-8*ja?B?44GC?=", "", "あ"},
		{"unknown charset kept readable", "=?x-unknown?B?YWJj?=", "", "abc"},
		{"not an encoded word", "=?broken", "", "=?broken"},
		{"latin-1", "=?iso-8859-1?Q?Caf=E9?=", "", "Café"},
	}
	for _, c := range cases {
		if got := DecodeHeader(c.in, c.hint); got != c.want {
			t.Errorf("%s: DecodeHeader(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestParseAddressList(t *testing.T) {
	cases := []struct {
		in   string
		want []Address
	}{
		{`"Amazon.co.jp" <auto-confirm@amazon.co.jp>`, []Address{{"Amazon.co.jp", "auto-confirm@amazon.co.jp", "amazon.co.jp", nil}}},
		// Invisible characters are removed from the name and listed.
		{"\"Ama\x00zon\u200b.co.jp\" <a@phish.example>", []Address{{"Amazon.co.jp", "a@phish.example", "phish.example", []string{"U+0000", "U+200B"}}}},
		{"\"\U0001F469\u200d\U0001F4BB Dev\" <d@x.example>", []Address{{"\U0001F469\u200d\U0001F4BB Dev", "d@x.example", "x.example", nil}}},
		{`=?UTF-8?B?44Ki44Oe44K+44Oz?= <a@EXAMPLE.COM>`, []Address{{"アマゾン", "a@EXAMPLE.COM", "example.com", nil}}},
		{`"Amazon <support@amazon.co.jp>" <evil@phish.example>`, []Address{{"Amazon <support@amazon.co.jp>", "evil@phish.example", "phish.example", nil}}},
		{`"Ito, Ken" <ito@x.example>, sato@y.example (Sato)`, []Address{{"Ito, Ken", "ito@x.example", "x.example", nil}, {"Sato", "sato@y.example", "y.example", nil}}},
		{`undisclosed-recipients:;`, nil},
		{`Team: a@x.example, b@y.example;`, []Address{{"", "a@x.example", "x.example", nil}, {"", "b@y.example", "y.example", nil}}},
		{`plain@example.jp`, []Address{{"", "plain@example.jp", "example.jp", nil}}},
	}
	for _, c := range cases {
		got := ParseAddressList(c.in, "")
		if len(got) != len(c.want) {
			t.Errorf("ParseAddressList(%q) = %+v, want %+v", c.in, got, c.want)
			continue
		}
		for i := range got {
			if !reflect.DeepEqual(got[i], c.want[i]) {
				t.Errorf("ParseAddressList(%q)[%d] = %+v, want %+v", c.in, i, got[i], c.want[i])
			}
		}
	}
}

func TestParseReceived(t *testing.T) {
	cases := []struct{ in, helo, rdns, ip, by string }{
		{"from mail.evil.example (unknown [203.0.113.5]) by mx.example.jp (Postfix) with ESMTP id X; Tue, 24 Nov 2026 09:12:02 +0900",
			"mail.evil.example", "", "203.0.113.5", "mx.example.jp"},
		{"from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id x; Tue, 24 Nov 2026 00:00:00 -0800",
			"mail-sor-f41.google.com", "mail-sor-f41.google.com", "209.85.220.41", "mx.google.com"},
		{"from [192.0.2.1] (port=4321 helo=client.example) by relay.example with esmtpa (Exim 4.96)",
			"client.example", "", "192.0.2.1", "relay.example"},
		{"from unknown (HELO pc.example) (198.51.100.3) by mail.example.jp with SMTP; 24 Nov 2026 00:00:00 -0000",
			"pc.example", "", "198.51.100.3", "mail.example.jp"},
		{"from TYCPR01MB1234.jpnprd01.prod.outlook.com (2603:1096:400:1::5) by OS3PR01MB5678.jpnprd01.prod.outlook.com with HTTPS",
			"tycpr01mb1234.jpnprd01.prod.outlook.com", "", "2603:1096:400:1::5", "os3pr01mb5678.jpnprd01.prod.outlook.com"},
		{"from host.example.com (host.example.com [192.0.2.3] (may be forged)) by mx.example.org (8.15.2/8.15.2)",
			"host.example.com", "host.example.com", "192.0.2.3", "mx.example.org"},
		{"from client ([IPv6:2001:db8::1]) by mx.example.org", "client", "", "2001:db8::1", "mx.example.org"},
		{"by localhost with local (Exim 4.96)", "", "", "invalid IP", "localhost"},
	}
	for _, c := range cases {
		h := parseReceived(c.in)
		if h.Helo != c.helo || h.RDNS != c.rdns || h.IP.String() != c.ip || h.By != c.by {
			t.Errorf("parseReceived(%q) = helo %q rdns %q ip %s by %q; want %q %q %s %q", c.in, h.Helo, h.RDNS, h.IP, h.By, c.helo, c.rdns, c.ip, c.by)
		}
	}
}

func TestReceivedFor(t *testing.T) {
	h := parseReceived("from a.example (a.example [192.0.2.1]) by mx.example.jp (Postfix) with ESMTP id X\n for <Taro@Example.jp>; Tue, 24 Nov 2026 09:00:00 +0900")
	if h.For != "Taro@Example.jp" || h.Date != "Tue, 24 Nov 2026 09:00:00 +0900" || h.Time().IsZero() {
		t.Errorf("for = %q, date = %q", h.For, h.Date)
	}
}

func TestParseAuthResults(t *testing.T) {
	v := `mx.example.jp; spf=fail (sender IP is 203.0.113.5; not permitted) smtp.mailfrom=evil.example;
	 dkim=pass (signature was verified) header.d=Example.COM header.s=s1; dmarc=fail action=quarantine header.from=example.com`
	got := parseAuthResults(v, 3)
	want := []AuthResult{
		{ServID: "mx.example.jp", Index: 3, Method: "spf", Result: "fail", Domain: "evil.example"},
		{ServID: "mx.example.jp", Index: 3, Method: "dkim", Result: "pass", Domain: "example.com"},
		{ServID: "mx.example.jp", Index: 3, Method: "dmarc", Result: "fail", Domain: "example.com", Action: "quarantine"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
	// Exchange Online omits the authserv-id.
	ms := parseAuthResults("spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.com; dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=example.com;", 0)
	if len(ms) != 3 || ms[0].ServID != "" || ms[0].Result != "pass" {
		t.Errorf("Exchange-style results = %+v", ms)
	}
}

func TestParseErrors(t *testing.T) {
	if _, err := Parse(strings.NewReader(""), Limits{}); err != ErrEmpty {
		t.Errorf("empty input: err = %v, want ErrEmpty", err)
	}
	if _, err := Parse(strings.NewReader("just some words\nand more\n"), Limits{}); err != ErrNotMail {
		t.Errorf("plain text: err = %v, want ErrNotMail", err)
	}
}

func TestLimits(t *testing.T) {
	big := "From: a@example.com\nSubject: big\n\n" + strings.Repeat("x", 5000)
	m, err := Parse(strings.NewReader(big), Limits{MaxSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if m.Size != 1000 || len(m.Notices) == 0 || m.Notices[0].Kind != "size" {
		t.Errorf("size limit: size %d notices %+v", m.Size, m.Notices)
	}
	var b bytes.Buffer
	b.WriteString("From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n")
	for i := 0; i < 50; i++ {
		b.WriteString("--b\nContent-Type: text/plain\n\npart\n")
	}
	b.WriteString("--b--\n")
	m, err = ParseBytes(b.Bytes(), Limits{MaxParts: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Parts) != 10 || len(m.Notices) != 1 || m.Notices[0].Kind != "parts" {
		t.Errorf("part limit: %d parts, notices %+v", len(m.Parts), m.Notices)
	}
	m, err = ParseBytes([]byte("From: a@example.com\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"+strings.Repeat("QUFB", 100)), Limits{MaxPartSize: 30})
	if err != nil {
		t.Fatal(err)
	}
	if m.Parts[0].Size != 30 || m.Notices[0].Kind != "part_size" {
		t.Errorf("part size limit: size %d notices %+v", m.Parts[0].Size, m.Notices)
	}
}

func TestHTMLLinks(t *testing.T) {
	doc := `<html><head><base href="https://base.example/dir/"><title>T</title><script>document.write('<a href="https://hidden.example/">x</a>')</script></head>
<body><a href="https://evil.example/login">https://www.amazon.co.jp/</a>
<a href="rel/page">相対<img alt="ロゴ"></a><area href="https://map.example/" alt="地図">
<form action="/post"></form><a href="mailto:x@example.jp">mail</a><style>p{}</style><p>本文 &amp; 続き</p></body></html>`
	h := extractHTML(never, []byte(doc))
	want := []Link{
		{Href: "https://evil.example/login", Text: "https://www.amazon.co.jp/", Source: "a"},
		{Href: "https://base.example/dir/rel/page", Text: "相対 ロゴ", Source: "a"},
		{Href: "https://map.example/", Text: "地図", Source: "area"},
		{Href: "https://base.example/post", Source: "form"},
		{Href: "mailto:x@example.jp", Text: "mail", Source: "a"},
	}
	if len(h.Links) != len(want) {
		t.Fatalf("links = %+v", h.Links)
	}
	for i := range want {
		if !reflect.DeepEqual(h.Links[i], want[i]) {
			t.Errorf("link %d = %+v, want %+v", i, h.Links[i], want[i])
		}
	}
	if strings.Contains(h.Text, "document.write") || strings.Contains(h.Text, "p{}") || !strings.Contains(h.Text, "本文 & 続き") {
		t.Errorf("text = %q", h.Text)
	}
	if h.Title != "T" {
		t.Errorf("title = %q", h.Title)
	}
}

func TestFullWidthURLs(t *testing.T) {
	got := textURLs(never, "こちら ｈｔｔｐｓ：／／ｅｖｉｌ．ｅｘａｍｐｌｅ／ｌｏｇｉｎ からログイン。ｗｗｗ．ｂａｄ．ｅｘａｍｐｌｅ／ｘにも")
	want := []string{"https://evil.example/login", "www.bad.example/x"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("textURLs = %q, want %q", got, want)
	}
	// mixed widths: ASCII scheme, full-width colon and slashes
	if got := textURLs(never, "番号：123 https：／／evil.example/a です"); strings.Join(got, " ") != "https://evil.example/a" {
		t.Errorf("mixed-width URL: %q", got)
	}
}

func TestTextURLs(t *testing.T) {
	got := textURLs(never, "詳細は https://evil.example/login?id=1こちらから確認。(see http://a.example/x). www.b.example/p, end")
	want := []string{"https://evil.example/login?id=1", "http://a.example/x", "www.b.example/p"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("textURLs = %q, want %q", got, want)
	}
	// A long URL hard-wrapped by the sender's mailer, over two and three
	// lines, with CRLF and LF.
	wrapped := map[string]string{
		"ご確認ください：https://secure-login.example.top/account/verify/index.php?id=12345&s\nession=abcdef\n以上":                                                                                "https://secure-login.example.top/account/verify/index.php?id=12345&session=abcdef",
		"Go to https://www.example-shop.example.com/campaign/2026/winter/special-offer/lan\r\nding-page.html?utm=mail now":                                                               "https://www.example-shop.example.com/campaign/2026/winter/special-offer/landing-page.html?utm=mail",
		"https://tracker.example.net/c/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n/ccc.html": "https://tracker.example.net/c/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	}
	for in, want := range wrapped {
		if got := textURLs(never, in); len(got) != 1 || got[0] != want {
			t.Errorf("textURLs(never, %q) = %q, want [%q]", in, got, want)
		}
	}
	// Short lines and ordinary words on the next line are not joined.
	for in, want := range map[string]string{
		"See https://a.example/x\nthe-end/of it":                                         "https://a.example/x",
		"Visit https://www.example.com/some/long/path/that/ends/exactly/here/ok\nThanks": "https://www.example.com/some/long/path/that/ends/exactly/here/ok",
	} {
		if got := textURLs(never, in); len(got) != 1 || got[0] != want {
			t.Errorf("textURLs(never, %q) = %q, want [%q]", in, got, want)
		}
	}
}

func TestAddressListUnquotedCommaInName(t *testing.T) {
	cases := []struct {
		raw   string
		names []string
		addrs []string
	}{
		{"Doe, John <john@example.jp>", []string{"Doe, John"}, []string{"john@example.jp"}},
		{"Microsoft account team ,_<no-reply@access-example.com>", []string{"Microsoft account team ,_"}, []string{"no-reply@access-example.com"}},
		{"a@example.jp, b@example.jp", []string{"", ""}, []string{"a@example.jp", "b@example.jp"}},
		{"\"Sato, Hanako\" <h@example.jp>, Taro <t@example.jp>", []string{"Sato, Hanako", "Taro"}, []string{"h@example.jp", "t@example.jp"}},
		{"undisclosed-recipients:;", nil, nil},
	}
	for _, c := range cases {
		got := ParseAddressList(c.raw, "")
		if len(got) != len(c.addrs) {
			t.Errorf("%q: %d addresses %+v, want %d", c.raw, len(got), got, len(c.addrs))
			continue
		}
		for i, a := range got {
			if a.Name != c.names[i] || a.Address != c.addrs[i] {
				t.Errorf("%q #%d: %q <%s>, want %q <%s>", c.raw, i, a.Name, a.Address, c.names[i], c.addrs[i])
			}
		}
	}
}

// never is a stop function that never stops.
func never() bool { return false }
