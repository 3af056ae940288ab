package domain

import "testing"

func TestRegistrable(t *testing.T) {
	cases := map[string]string{
		"login.rakuten-card.co.jp":            "rakuten-card.co.jp",
		"secure.amazon.co.jp.evil-login.com":  "evil-login.com",
		"WWW.Amazon.CO.JP.":                   "amazon.co.jp",
		"user.github.io":                      "user.github.io",
		"ｒａｋｕｔｅｎ．ｃｏ．ｊｐ":                       "rakuten.co.jp",
		"www.anzcam-co-jp.amaezon.qniseg.top": "qniseg.top",
		"co.jp":                               "",
		"":                                    "",
		"localhost":                           "",
		"192.0.2.1":                           "192.0.2.1",
		"mail.example.co.jp:25":               "example.co.jp",
	}
	for in, want := range cases {
		if got := Registrable(in); got != want {
			t.Errorf("Registrable(%q) = %q, want %q", in, got, want)
		}
	}
	if !Under("mail.yahoo.co.jp", "yahoo.co.jp") || Under("evilyahoo.co.jp", "yahoo.co.jp") {
		t.Error("Under is wrong")
	}
}

func TestHostOfURL(t *testing.T) {
	cases := map[string]string{
		"https://www.Amazon.co.jp/gp/css":             "www.amazon.co.jp",
		"http://amazon.co.jp@evil.example:8080/login": "evil.example",
		`https:\\evil.example\path`:                   "evil.example",
		"//cdn.example.net/x.js":                      "cdn.example.net",
		"www.example.jp/page":                         "www.example.jp",
		"http://[2001:db8::1]/":                       "2001:db8::1",
		"mailto:a@example.jp":                         "",
		"javascript:alert(1)":                         "",
		"relative/path":                               "",
	}
	for in, want := range cases {
		if got := HostOfURL(in); got != want {
			t.Errorf("HostOfURL(%q) = %q, want %q", in, got, want)
		}
	}
}
