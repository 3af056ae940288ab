package domain

import "testing"

func TestParseURL(t *testing.T) {
	tests := []struct {
		raw, host, unicode, port, path, user, reg string
		ip                                        bool
	}{
		{raw: "https://WWW.Amazon.CO.JP./gp/css?x=1", host: "www.amazon.co.jp", path: "/gp/css", reg: "amazon.co.jp"},
		{raw: "http://example.jp:80/a%2Fb%20c", host: "example.jp", path: "/a/b c", reg: "example.jp"},
		{raw: "https://example.jp:8443/", host: "example.jp", port: "8443", path: "/", reg: "example.jp"},
		{raw: `http:\\evil.example\login`, host: "evil.example", path: "/login", reg: "evil.example"},
		{raw: "http:/evil.example/x", host: "evil.example", path: "/x", reg: "evil.example"},
		{raw: " https://ev\til.exa\nmple/ ", host: "evil.example", path: "/", reg: "evil.example"},
		{raw: "https://www.amazon.co.jp@evil.example/", host: "evil.example", user: "www.amazon.co.jp", path: "/", reg: "evil.example"},
		{raw: "http://3232235777/", host: "192.168.1.1", path: "/", reg: "192.168.1.1", ip: true},
		{raw: "http://0xC0A80101/", host: "192.168.1.1", path: "/", reg: "192.168.1.1", ip: true},
		{raw: "http://0300.0250.1.1/", host: "192.168.1.1", path: "/", reg: "192.168.1.1", ip: true},
		{raw: "http://192.168.257/", host: "192.168.1.1", path: "/", reg: "192.168.1.1", ip: true},
		{raw: "http://[2001:DB8::1]:443/", host: "2001:db8::1", port: "443", path: "/", reg: "2001:db8::1", ip: true},
		{raw: "https://xn--80ak6aa92e.com/", host: "xn--80ak6aa92e.com", unicode: "аррӏе.com", path: "/", reg: "xn--80ak6aa92e.com"},
		{raw: "https://аррӏе.com/", host: "xn--80ak6aa92e.com", unicode: "аррӏе.com", path: "/", reg: "xn--80ak6aa92e.com"},
		{raw: "https://ｒａｋｕｔｅｎ。co。jp/", host: "rakuten.co.jp", path: "/", reg: "rakuten.co.jp"},
		{raw: "https://%61mazon.evil.example/", host: "amazon.evil.example", path: "/", reg: "evil.example"},
		{raw: "www.eki-net.com/top", host: "www.eki-net.com", path: "/top", reg: "eki-net.com"},
		{raw: "//cdn.example.jp/x.js", host: "cdn.example.jp", path: "/x.js", reg: "example.jp"},
	}
	for _, tt := range tests {
		u, ok := ParseURL(tt.raw)
		if !ok {
			t.Errorf("ParseURL(%q) failed", tt.raw)
			continue
		}
		want := tt.unicode
		if want == "" {
			want = tt.host
		}
		if u.Host != tt.host || u.HostUnicode != want || u.Port != tt.port || u.Path != tt.path || u.User != tt.user || u.Registrable != tt.reg || u.IP != tt.ip {
			t.Errorf("ParseURL(%q) = host %q/%q port %q path %q user %q reg %q ip %v; want %q/%q %q %q %q %q %v",
				tt.raw, u.Host, u.HostUnicode, u.Port, u.Path, u.User, u.Registrable, u.IP, tt.host, want, tt.port, tt.path, tt.user, tt.reg, tt.ip)
		}
	}
	for _, raw := range []string{"mailto:a@example.jp", "javascript:alert(1)", "/relative/path", "#top", "tel:0120", "data:text/html,x", "https:///", "http://[::1/"} {
		if u, ok := ParseURL(raw); ok {
			t.Errorf("ParseURL(%q) = %+v, want no host", raw, u)
		}
	}
}

func TestUnwrap(t *testing.T) {
	tests := []struct{ raw, target, kind string }{
		{"https://apc01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil.example%2Flogin&data=05%7C01&reserved=0", "https://evil.example/login", WrapGateway},
		{"https://urldefense.proofpoint.com/v2/url?u=https-3A__evil.example_login&d=DwMF&c=x", "https://evil.example/login", WrapGateway},
		{"https://urldefense.com/v3/__https://evil.example/login?id=1*2__;Iw!!ABC!xyz$", "https://evil.example/login?id=1", WrapGateway},
		{"https://www.google.com/url?q=https://evil.example/a&sa=D", "https://evil.example/a", WrapRedirect},
		{"https://click.example-esp.jp/c?u=https%3A%2F%2Fshop.example.jp%2Fsale", "https://shop.example.jp/sale", WrapRedirect},
		{"https://r.example.net/r?to=aHR0cHM6Ly9ldmlsLmV4YW1wbGUvbG9naW4", "https://evil.example/login", WrapRedirect},
		// Nested: a gateway around a redirect; the innermost target counts.
		{"https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.google.com%2Furl%3Fq%3Dhttps%253A%252F%252Fevil.example%252F", "https://evil.example/", WrapGateway},
	}
	for _, tt := range tests {
		u, _ := ParseURL(tt.raw)
		w, ok := Unwrap(u)
		if !ok || w.Target.String() != tt.target || w.Kind != tt.kind {
			t.Errorf("Unwrap(%q) = %q %q %v; want %q %q", tt.raw, w.Target.String(), w.Kind, ok, tt.target, tt.kind)
		}
	}
	for _, raw := range []string{"https://www.amazon.co.jp/dp/B0?ref=abc", "https://example.jp/?next=/login", "https://example.jp/?u=https://example.jp/x"} {
		u, _ := ParseURL(raw)
		if w, ok := Unwrap(u); ok {
			t.Errorf("Unwrap(%q) = %+v, want nothing", raw, w)
		}
	}
}
