// Package safehttp is mekiki's one policy for what it fetches over HTTP:
// feed downloads, the RDAP bootstrap file and the RDAP queries of
// --online. It allows HTTPS only (plain HTTP only when asked for), at most
// MaxRedirects redirects and only to HTTPS, connections only to public
// addresses (checked on the address actually dialled, after DNS, so a
// name that resolves to a private address is refused too), bounded bodies
// and bounded time. Host names are resolved by the configured resolver.
package safehttp

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"time"
)

// The policy's fixed limits.
const (
	// MaxRedirects is how many redirects one fetch follows.
	MaxRedirects = 5
	// DefaultTimeout bounds a whole fetch, body included, when the
	// policy sets no Timeout.
	DefaultTimeout = time.Minute
	// The phases of a connection: dialling, the TLS handshake, and the
	// wait for the response's header after the request is sent.
	dialTimeout           = 10 * time.Second
	tlsHandshakeTimeout   = 10 * time.Second
	responseHeaderTimeout = 30 * time.Second
	maxResponseHeaderSize = 64 << 10
)

// Policy says how mekiki fetches. The zero value is the strict policy:
// HTTPS to public addresses, resolved by the system's resolver.
type Policy struct {
	// AllowHTTP permits an http:// URL as the address asked for (the
	// --allow-http flag). Redirects must go to HTTPS all the same.
	AllowHTTP bool
	// Resolver resolves host names (see Resolver); nil is the system's.
	Resolver *net.Resolver
	// Timeout bounds one fetch, body included (default DefaultTimeout).
	Timeout time.Duration

	// RootCAs, when set, are the only certificate authorities trusted
	// (tests set their httptest server's); nil trusts the system's.
	RootCAs *x509.CertPool
	// AllowForTests are the exact addresses a test may connect to
	// despite the address rules: its own loopback servers. No flag sets
	// it; an address and port not listed is refused as usual.
	AllowForTests []netip.AddrPort
}

// Client fetches under a Policy; it is safe for concurrent use.
type Client struct {
	policy Policy
	http   *http.Client
}

// New returns a client that applies p to every fetch.
func New(p Policy) *Client {
	if p.Timeout <= 0 {
		p.Timeout = DefaultTimeout
	}
	dialer := &net.Dialer{
		Timeout:  dialTimeout,
		Resolver: p.Resolver,
		Control:  p.control,
	}
	transport := &http.Transport{
		Proxy:                  nil, // a proxy would hide the address dialled
		DialContext:            dialer.DialContext,
		TLSClientConfig:        &tls.Config{RootCAs: p.RootCAs, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    tlsHandshakeTimeout,
		ResponseHeaderTimeout:  responseHeaderTimeout,
		MaxResponseHeaderBytes: maxResponseHeaderSize,
		ForceAttemptHTTP2:      true,
		IdleConnTimeout:        30 * time.Second,
	}
	return &Client{policy: p, http: &http.Client{
		Transport:     transport,
		CheckRedirect: checkRedirect,
		Timeout:       p.Timeout,
	}}
}

// ErrPlainHTTP is what Check and Do return for an http:// URL when the
// policy does not allow plain HTTP.
var ErrPlainHTTP = errors.New("plain HTTP is not allowed")

// Check tells whether the policy allows fetching rawURL at all: an
// https:// URL with a host, or an http:// one with AllowHTTP. It does
// not resolve or connect.
func (p Policy) Check(rawURL string) error {
	u, err := url.Parse(rawURL)
	switch {
	case err != nil:
		return errors.New("not a URL")
	case u.Scheme == "http" && !p.AllowHTTP:
		return ErrPlainHTTP
	case u.Scheme != "https" && u.Scheme != "http":
		return errors.New("only https:// URLs are fetched")
	case u.Hostname() == "":
		return errors.New("the URL names no host")
	}
	return nil
}

// Do sends req under the policy and returns the response, whose Body
// yields at most limit bytes and then fails with a *TooLargeError. The
// caller closes the body. An error is one sentence fragment, which names
// where a redirect led but not req's URL: the caller says what it asked.
func (c *Client) Do(req *http.Request, limit int64) (*http.Response, error) {
	if err := c.policy.Check(req.URL.String()); err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, explain(req.URL.String(), err)
	}
	if resp.ContentLength > limit {
		resp.Body.Close()
		return nil, &TooLargeError{URL: resp.Request.URL.String(), Limit: limit}
	}
	resp.Body = newCappedBody(resp.Body, resp.Request.URL.String(), limit)
	return resp, nil
}

// explain turns the client's `Get "URL": dial tcp ADDR: …` into one
// sentence fragment about what went wrong, naming the URL only when it
// is a redirect's and not asked.
func explain(asked string, err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	var ae *AddressError
	var re *RedirectError
	switch {
	case errors.As(err, &re):
		return re
	case errors.As(err, &ae) && ue.URL != asked:
		return fmt.Errorf("redirected to %s, where %w", ue.URL, ae)
	case errors.As(err, &ae):
		return ae
	case errors.Is(err, context.DeadlineExceeded) || ue.Timeout():
		return fmt.Errorf("no answer in time: %w", context.DeadlineExceeded)
	}
	return ue.Err
}
