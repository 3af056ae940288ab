package domain

import (
	"encoding/base64"
	"strings"
)

// Wrapper kinds: who put the other URL inside the link.
const (
	// WrapGateway is a security gateway of the receiving side (Microsoft
	// Safe Links, Proofpoint URL Defense): the original link is inside.
	WrapGateway = "gateway"
	// WrapRedirect is a redirect through a parameter (?url=, ?q=, ?u=):
	// an ESP's click tracker, a search engine's redirect, or an open
	// redirect on someone's site.
	WrapRedirect = "redirect"
)

// Unwrapped is the destination found inside a wrapping link.
type Unwrapped struct {
	Target URL
	Kind   string // WrapGateway or WrapRedirect
	Param  string // the query parameter that carried it ("url", "q"); "" for path encodings
}

// Unwrap returns the URL carried inside u: the original link of a Safe
// Links or Proofpoint rewrite, or an absolute http(s) URL in a query
// parameter (Google's /url?q=, click trackers, open redirects), possibly
// nested. It looks at most four levels deep and reports the innermost
// target; Kind is WrapGateway when any layer is a gateway (the recipient's
// own rewriting), else WrapRedirect. ok is false when u carries no URL.
func Unwrap(u URL) (Unwrapped, bool) {
	var out Unwrapped
	found := false
	for depth := 0; depth < 4; depth++ {
		next, ok := unwrapOnce(u)
		if !ok {
			break
		}
		if !found || out.Kind != WrapGateway {
			out.Kind = next.Kind
		}
		out.Target, out.Param = next.Target, next.Param
		found = true
		u = next.Target
	}
	return out, found
}

func unwrapOnce(u URL) (Unwrapped, bool) {
	switch {
	case Under(u.Host, "safelinks.protection.outlook.com"):
		if t, ok := queryURL(u, "url"); ok {
			return Unwrapped{Target: t, Kind: WrapGateway, Param: "url"}, true
		}
	case Under(u.Host, "urldefense.proofpoint.com"):
		for _, kv := range u.Query() {
			if kv.Key == "u" {
				if t, ok := ParseURL(proofpointV2(kv.Value)); ok {
					return Unwrapped{Target: t, Kind: WrapGateway, Param: "u"}, true
				}
			}
		}
	case Under(u.Host, "urldefense.com"):
		if t, ok := proofpointV3(u.Raw); ok {
			return Unwrapped{Target: t, Kind: WrapGateway}, true
		}
	}
	for _, kv := range u.Query() {
		v := kv.Value
		if !hasHTTPPrefix(v) {
			if b, ok := decodeBase64URL(v); ok {
				v = b
			} else {
				continue
			}
		}
		t, ok := ParseURL(v)
		if !ok || t.Host == u.Host {
			continue
		}
		return Unwrapped{Target: t, Kind: WrapRedirect, Param: kv.Key}, true
	}
	return Unwrapped{}, false
}

func queryURL(u URL, key string) (URL, bool) {
	for _, kv := range u.Query() {
		if kv.Key == key && hasHTTPPrefix(kv.Value) {
			return ParseURL(kv.Value)
		}
	}
	return URL{}, false
}

func hasHTTPPrefix(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") ||
		strings.HasPrefix(l, `http:\\`) || strings.HasPrefix(l, `https:\\`)
}

// decodeBase64URL decodes a parameter that is a base64-encoded http(s)
// URL, as some trackers and phishing redirectors write them.
func decodeBase64URL(v string) (string, bool) {
	if len(v) < 16 || !(strings.HasPrefix(v, "aHR0c") || strings.HasPrefix(v, "aHR0cH")) {
		return "", false
	}
	v = strings.TrimRight(v, "=")
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(v); err == nil && hasHTTPPrefix(string(b)) && printable(string(b)) {
			return string(b), true
		}
	}
	return "", false
}

// proofpointV2 undoes URL Defense v2's encoding: "-" stands for "%" and
// "_" for "/".
func proofpointV2(v string) string {
	r := strings.NewReplacer("-", "%", "_", "/")
	return PercentDecode(r.Replace(v))
}

// proofpointV3 decodes https://urldefense.com/v3/__<url>__;<b64>!!…: the
// URL is written between the double underscores with each "*" standing
// for the next byte of the base64url run after the semicolon ("**" plus a
// length letter for a run of bytes).
func proofpointV3(raw string) (URL, bool) {
	i := strings.Index(raw, "/v3/__")
	if i < 0 {
		return URL{}, false
	}
	rest := raw[i+6:]
	j := strings.Index(rest, "__;")
	if j < 0 {
		return URL{}, false
	}
	enc, tail := rest[:j], rest[j+3:]
	if k := strings.Index(tail, "!!"); k >= 0 {
		tail = tail[:k]
	}
	repl, _ := base64.RawURLEncoding.DecodeString(strings.TrimRight(tail, "="))
	const lengths = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	var b strings.Builder
	for p := 0; p < len(enc); p++ {
		if enc[p] != '*' {
			b.WriteByte(enc[p])
			continue
		}
		n := 1
		if p+2 < len(enc) && enc[p+1] == '*' {
			n = strings.IndexByte(lengths, enc[p+2]) + 2
			p += 2
		}
		for ; n > 0 && len(repl) > 0; n-- {
			b.WriteByte(repl[0])
			repl = repl[1:]
		}
	}
	return ParseURL(b.String())
}
