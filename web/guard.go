package web

import (
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
)

// The page runs on the user's own machine, where any web site the user
// visits can reach it: a page elsewhere can post forms to it (cross-site
// request forgery), and a name the attacker controls can be re-pointed at
// 127.0.0.1 to read its answers (DNS rebinding). guard refuses both before
// any handler runs; limited keeps a burst of large mails from exhausting
// the machine.

// retryAfter is what a busy server asks a client to wait, in seconds.
const retryAfter = "5"

// refusal is the page a refused browser request shows, in both languages:
// the request may have come from anywhere, so the page's language is not
// known.
type refusal struct{ JA, EN string }

// guard checks every request's Host, and every state-changing request's
// origin (Sec-Fetch-Site, else Origin against Host). Requests without
// either header are not from a browser (curl, scripts) and pass.
func (s *Server) guard(h http.Handler) http.Handler {
	cross := http.NewCrossOriginProtection()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hostAllowed(r) {
			s.refuse(w, r, http.StatusMisdirectedRequest, refusal{
				JA: "このサーバーは Host ヘッダーの名前では応答しません。待ち受けのアドレス（例: http://127.0.0.1:8080/）で開くか、serve に --allowed-host でその名前を加えてください。",
				EN: "This server does not answer to the name in the Host header; open it at its listen address (for example http://127.0.0.1:8080/) or start serve with --allowed-host NAME.",
			})
			return
		}
		if cross.Check(r) != nil {
			s.refuse(w, r, http.StatusForbidden, refusal{
				JA: "別のサイトのページから送られた操作は受け付けません。mekiki のページから操作してください。",
				EN: "A request sent by a page of another site is refused; use mekiki's own page.",
			})
			return
		}
		h.ServeHTTP(w, r)
	})
}

// hostAllowed reports whether r's Host names this server: a name given in
// AllowedHosts (with any port unless it gives one), or, on the port the
// request arrived on, localhost, a loopback address or the address the
// connection was made to. A name an attacker controls matches none of
// these, whatever address it resolves to.
func (s *Server) hostAllowed(r *http.Request) bool {
	host, port := splitHost(r.Host)
	if host == "" {
		return false
	}
	for _, name := range s.AllowedHosts {
		if h, p := splitHost(name); h == host && (p == "" || p == port) {
			return true
		}
	}
	if port == "" {
		port = "80"
	}
	local, _ := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	var localIP netip.Addr
	if ap, err := netip.ParseAddrPort(addrString(local)); err == nil {
		if port != strconv.Itoa(int(ap.Port())) {
			return false
		}
		localIP = ap.Addr().Unmap().WithZone("")
	}
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	ip = ip.Unmap().WithZone("")
	return ip.IsLoopback() || ip == localIP
}

func addrString(a net.Addr) string {
	if a == nil {
		return ""
	}
	return a.String()
}

// splitHost returns a Host header's (or a configured name's) lower-case
// host without brackets or trailing dot, and its port ("" when none).
func splitHost(hostport string) (host, port string) {
	hostport = strings.ToLower(strings.TrimSpace(hostport))
	if h, p, err := net.SplitHostPort(hostport); err == nil {
		return strings.TrimSuffix(h, "."), p
	}
	return strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]"), "."), ""
}

// isAPI reports whether r is for the API, which answers in JSON.
func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// refuse answers a refused request: a JSON error on the API, a page in
// Japanese and English otherwise. It says nothing of what is stored.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, code int, why refusal) {
	if isAPI(r) {
		apiError(w, code, why.EN)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	s.tmpl.ExecuteTemplate(w, "refused.html", why)
}

// limited runs h only when an analysis slot is free, and otherwise
// answers 503 with Retry-After at once, before the request's body is
// read: waiting requests would each hold a mail in memory.
func (s *Server) limited(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		select {
		case s.slots <- struct{}{}:
		default:
			s.busy(w, r)
			return
		}
		defer func() { <-s.slots }()
		h(w, r)
	}
}

// busy says that every analysis slot is taken.
func (s *Server) busy(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", retryAfter)
	if isAPI(r) {
		apiError(w, http.StatusServiceUnavailable, "the server is analysing as many mails as it may at once; retry after "+retryAfter+" seconds")
		return
	}
	l := lang(r)
	s.formError(w, view{Lang: l}, http.StatusServiceUnavailable, msg(l, "いま他のメールを調べていて手が空いていません。数秒待ってからもう一度お試しください。",
		"Other mails are being checked right now; try again in a few seconds."))
}
