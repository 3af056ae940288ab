package online

import (
	"context"
	"net"
	"net/netip"
	"strings"
	"time"

	"blitiri.com.ar/go/spf"

	"github.com/mekiki/mekiki/mail"
)

// Verification is what a receiving server (the milter) verified about
// one message: the results of liveAuth marked with its authserv-id, DNS
// failures as temperror, and the SPF result of the HELO name.
type Verification struct {
	// Auth are the SPF (MAIL FROM), DKIM (one per signature) and DMARC
	// results, as the auth checks read them.
	Auth []mail.AuthResult
	// Helo is the SPF result of the HELO identity (RFC 7208 §2.3), or
	// nil when the HELO was not a domain name.
	Helo *mail.AuthResult
	// DMARCPolicy is the From domain's published policy.
	DMARCPolicy string
	// Failures are the look-ups that failed, one sentence each.
	Failures []string
	// Took is how long the verification took.
	Took time.Duration
}

// Verify authenticates one message at the receiving server: the same
// SPF, DKIM and DMARC verification as Enrich's (and none of its other
// look-ups), within Deadline, through the DNSCache when set. It always
// returns, by the deadline at the latest; a method whose DNS did not
// answer is temperror, never fail. q.OriginIP is the connecting client,
// q.Helo its HELO name, q.EnvelopeFrom the MAIL FROM address.
func (c *Client) Verify(ctx context.Context, q Query, servID string) *Verification {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Deadline)
	defer cancel()
	f := &Facts{}
	v := &Verification{}
	helo := make(chan *mail.AuthResult, 1)
	go func() { helo <- c.heloSPF(ctx, f, q.OriginIP, q.Helo, servID) }()
	v.Auth = c.authenticate(ctx, f, q, servID, true)
	v.Helo = <-helo
	f.mu.Lock()
	v.DMARCPolicy, v.Failures = f.DMARCPolicy, f.Failures
	f.mu.Unlock()
	v.Took = time.Since(start)
	return v
}

// heloSPF checks SPF for the HELO name, the identity RFC 7208 §2.3
// recommends checking too; nil when there is no client or the name is
// not a domain.
func (c *Client) heloSPF(ctx context.Context, f *Facts, ip netip.Addr, helo, servID string) *mail.AuthResult {
	helo = strings.TrimSuffix(strings.ToLower(helo), ".")
	if !ip.IsValid() || !strings.Contains(helo, ".") || strings.HasPrefix(helo, "[") {
		return nil
	}
	if _, err := netip.ParseAddr(helo); err == nil {
		return nil
	}
	res, err := spf.CheckHostWithSender(net.IP(ip.Unmap().AsSlice()), helo, "postmaster@"+helo,
		spf.WithContext(ctx), spf.WithResolver(c.auth))
	r := string(res)
	if err != nil && (res == spf.TempError || ctx.Err() != nil) {
		f.fail("SPF for HELO %s: %v", helo, err)
		r = "temperror"
	}
	return &mail.AuthResult{ServID: servID, Method: "spf", Result: r, Domain: helo}
}

// Deadline is the longest Enrich or Verify takes for one message.
func (c *Client) Deadline() time.Duration { return c.cfg.Deadline }
