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

// Unwrap returns the URL carried inside u: the original link of a
// security gateway's rewrite (Safe Links, Proofpoint, Barracuda, Trend
// Micro, Cisco, Sophos, Symantec, FireEye), of a tracker or redirect that
// writes it in its own format (Bing, Google AMP, Postmark; rewriters.go),
// or an absolute http(s) URL in a query parameter (Google's /url?q=,
// click trackers, open redirects), possibly nested. Opaque wrappers
// (Mimecast, SendGrid …) carry no URL; RewriterOf names them. It looks at most four levels deep and reports the innermost
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
	kind := ""
	if r := rewriterFor(u); r != nil {
		if r.decode != nil {
			if t, param, ok := r.decode(u); ok {
				return Unwrapped{Target: t, Kind: r.Kind, Param: param}, true
			}
		}
		// A known service whose own format did not decode (or that is
		// opaque) may still carry a URL in another parameter; it keeps
		// the service's kind.
		kind = r.Kind
	}
	w, ok := queryTarget(u)
	if ok && kind != "" {
		w.Kind = kind
	}
	return w, ok
}

// queryTarget finds the first parameter that holds an absolute http(s)
// URL on another host: plain, percent-encoded once more or twice
// ("https%3A%2F%2F…", "https%253A…"), or base64 ("aHR0cHM6Ly…").
func queryTarget(u URL) (Unwrapped, bool) {
	for _, kv := range u.Query() {
		t, ok := httpURL(kv.Value)
		if !ok {
			b, isB64 := decodeBase64URL(kv.Value)
			if !isB64 {
				continue
			}
			if t, ok = httpURL(b); !ok {
				continue
			}
		}
		if t.Host == u.Host {
			continue
		}
		return Unwrapped{Target: t, Kind: WrapRedirect, Param: kv.Key}, true
	}
	return Unwrapped{}, false
}

func hasHTTPPrefix(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") ||
		strings.HasPrefix(l, `http:\\`) || strings.HasPrefix(l, `https:\\`)
}

// decodeBase64URL decodes a parameter that is a base64-encoded http(s)
// URL, as some trackers and phishing redirectors write them.
func decodeBase64URL(v string) (string, bool) {
	if len(v) < 16 || !strings.HasPrefix(v, "aHR0c") {
		return "", false
	}
	if b, ok := base64Text(v); ok && hasHTTPPrefix(b) {
		return b, true
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
