package safehttp

import (
	"fmt"
	"net/http"
)

// RedirectError is a redirect the policy did not follow.
type RedirectError struct {
	From, To string // the URL that redirected and where it pointed
	Reason   string // why it was not followed
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("redirected to %s, which was not followed: %s", e.To, e.Reason)
}

// checkRedirect follows a redirect only to HTTPS and only MaxRedirects
// times; where it leads is checked again when it is dialled.
func checkRedirect(req *http.Request, via []*http.Request) error {
	from := via[len(via)-1].URL.String()
	switch {
	case req.URL.Scheme != "https":
		return &RedirectError{From: from, To: req.URL.String(), Reason: "redirects must stay on HTTPS"}
	case len(via) > MaxRedirects:
		return &RedirectError{From: from, To: req.URL.String(), Reason: fmt.Sprintf("more than %d redirects", MaxRedirects)}
	}
	return nil
}
