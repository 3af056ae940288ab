package domain

import "testing"

// FuzzParseURL feeds arbitrary link text through the URL reader, the
// unwrapper and the skeleton: none may panic or loop, and a parsed URL
// always has a host.
func FuzzParseURL(f *testing.F) {
	for _, s := range []string{
		"https://www.amazon.co.jp/", `http:\\evil.example\x`, "http://3232235777/", "https://аррӏе.com/",
		"https://urldefense.com/v3/__https://a.example/x*y__;Iw!!A$", "https://a.example/?u=aHR0cHM6Ly9iLmV4YW1wbGUv",
		"http://[::1]:80/", "https://ｒａｋｕｔｅｎ。co。jp/", "https://%zz%41.example/%",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, ok := ParseURL(raw)
		if ok && u.Host == "" {
			t.Fatalf("ParseURL(%q) ok without a host", raw)
		}
		if ok {
			Unwrap(u)
			_ = u.String()
			Skeleton(u.HostUnicode)
		}
	})
}
