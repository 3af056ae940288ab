// Package online looks up what the experts look up about a mail, only
// when asked (--online): whether the sender's domains exist, the
// originating server's reverse DNS and blocklist listings, and the link
// domains' URI-blocklist listings. Every look-up has a timeout, the
// whole enrichment a deadline, and a failed look-up is reported as a
// failure, never as evidence.
package online

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mekiki/mekiki/internal/safehttp"
	"github.com/mekiki/mekiki/mail"
)

// Config says where and how to look things up.
type Config struct {
	// Resolver is the DNS server ("host:port"); empty uses the system's.
	Resolver string
	// LookupTimeout bounds one query (default 1 s); Deadline bounds the
	// whole enrichment of one message (default 3 s).
	LookupTimeout, Deadline time.Duration
	// Concurrency bounds the queries in flight per message (default 8).
	Concurrency int
	// DNSBLZones are IP blocklists for the originating server; URIBLZones
	// are domain blocklists for link domains (defaults below).
	DNSBLZones, URIBLZones []string
	// GeoIP, when set, places the link hosts (resolved here) by country
	// and AS.
	GeoIP *GeoIP
	// Cache, when set, keeps answers between messages and runs.
	Cache *Cache
	// Bootstrap maps TLDs to RDAP servers; nil asks no RDAP server
	// (LoadBootstrap gives the refreshed file or the embedded excerpt).
	Bootstrap *Bootstrap
	// NewDomainDays is the age under which a domain counts as new
	// (url.new_domain; default 30).
	NewDomainDays int
	// DNSCache, when set, keeps the answers of the SPF, DKIM and DMARC
	// look-ups in memory, shared by every message this client (and any
	// other given the same cache) verifies.
	DNSCache *DNSCache
	// HTTP is the policy for the RDAP queries (HTTPS only, public
	// addresses only); New sets its Resolver to the one the DNS look-ups
	// use and its Timeout to Deadline. Tests add their servers to it.
	HTTP safehttp.Policy
}

// DefaultDNSBLZones and DefaultURIBLZones are the lists most write-ups
// cite. Spamhaus answers queries from large public resolvers with
// 127.255.255.254 ("query refused"), which is read as a failure.
var (
	DefaultDNSBLZones = []string{"zen.spamhaus.org", "bl.spamcop.net"}
	DefaultURIBLZones = []string{"dbl.spamhaus.org", "multi.surbl.org"}
)

// Client enriches messages; it is safe for concurrent use.
type Client struct {
	cfg  Config
	r    *net.Resolver
	auth authResolver // r, through cfg.DNSCache when set
	http *safehttp.Client
}

// New returns a client for cfg, with defaults filled in.
func New(cfg Config) *Client {
	if cfg.LookupTimeout <= 0 {
		cfg.LookupTimeout = time.Second
	}
	if cfg.Deadline <= 0 {
		cfg.Deadline = 3 * time.Second
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 8
	}
	if cfg.DNSBLZones == nil {
		cfg.DNSBLZones = DefaultDNSBLZones
	}
	if cfg.URIBLZones == nil {
		cfg.URIBLZones = DefaultURIBLZones
	}
	if cfg.NewDomainDays <= 0 {
		cfg.NewDomainDays = 30
	}
	r := safehttp.Resolver(cfg.Resolver)
	cfg.HTTP.Resolver, cfg.HTTP.Timeout = r, cfg.Deadline
	c := &Client{cfg: cfg, r: r, auth: r, http: safehttp.New(cfg.HTTP)}
	if cfg.DNSCache != nil {
		c.auth = &cachedResolver{cache: cfg.DNSCache, next: r}
	}
	return c
}

// Query is what to look up for one message.
type Query struct {
	SenderDomains []string   // From and Return-Path domains
	OriginIP      netip.Addr // the first external hop
	LinkDomains   []string   // registrable domains of the links
	LinkHosts     []string   // host names of the links, placed by GeoIP when it is set
	// RDAPDomains are asked for their registration (creation date,
	// registrar, privacy service).
	RDAPDomains []string

	// For live SPF, DKIM and DMARC (skipped when Raw is empty): the
	// message's bytes, the envelope sender (Return-Path), the HELO of the
	// originating hop, and the From domain.
	Raw          []byte
	EnvelopeFrom string
	Helo         string
	FromDomain   string
}

// Listing is one blocklist answer.
type Listing struct {
	Zone    string `json:"zone"`
	Name    string `json:"name"`    // what was listed: the IP or the domain
	Code    string `json:"code"`    // the answer, e.g. 127.0.0.2
	Meaning string `json:"meaning"` // what the list says the code means
}

// Facts is what the look-ups found.
type Facts struct {
	// Nonexistent lists sender domains the DNS says do not exist.
	Nonexistent []string `json:"nonexistent_domains,omitempty"`
	// OriginPTR is the originating IP's reverse DNS name; OriginFCrDNS
	// tells whether that name resolves back to the IP.
	OriginPTR    string `json:"origin_ptr,omitempty"`
	OriginFCrDNS bool   `json:"origin_fcrdns,omitempty"`
	// SenderAtOrigin lists sender domains whose A/MX hosts include the
	// originating IP (the write-ups' "same IP as the first hop").
	SenderAtOrigin []string  `json:"sender_at_origin,omitempty"`
	OriginListings []Listing `json:"origin_listings,omitempty"`
	URIListings    []Listing `json:"uri_listings,omitempty"`
	// Registrations are the RDAP answers for the domains asked;
	// NewDomainDays is the age under which a domain counts as new.
	Registrations []Registration `json:"registrations,omitempty"`
	NewDomainDays int            `json:"new_domain_days,omitempty"`
	// LinkPlaces are the link hosts' first addresses with their country
	// and AS (with GeoIP).
	LinkPlaces []Place `json:"link_hosts,omitempty"`
	// Auth are the live SPF, DKIM and DMARC results (ServID
	// LiveAuthServID); DMARCPolicy is the From domain's published policy.
	Auth        []mail.AuthResult `json:"auth,omitempty"`
	DMARCPolicy string            `json:"dmarc_policy,omitempty"`
	Failures    []string          `json:"failures,omitempty"` // look-ups that failed, one sentence each
	Took        string            `json:"took"`

	mu      sync.Mutex
	started time.Time
}

func (f *Facts) fail(format string, a ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.Failures = append(f.Failures, fmt.Sprintf(format, a...))
}

// Enrich runs every look-up for q within the deadline. It always
// returns, by the deadline at the latest; what did not finish is listed
// in Failures.
func (c *Client) Enrich(ctx context.Context, q Query) *Facts {
	f := &Facts{started: time.Now(), NewDomainDays: c.cfg.NewDomainDays}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Deadline)
	defer cancel()
	sem := make(chan struct{}, c.cfg.Concurrency)
	var wg sync.WaitGroup
	run := func(job func(context.Context)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-sem }()
			lctx, lcancel := context.WithTimeout(ctx, c.cfg.LookupTimeout)
			defer lcancel()
			job(lctx)
		}()
	}
	for _, d := range dedupe(q.SenderDomains) {
		run(func(ctx context.Context) { c.senderDomain(ctx, f, d, q.OriginIP) })
	}
	if q.OriginIP.IsValid() && !q.OriginIP.IsPrivate() && !q.OriginIP.IsLoopback() {
		run(func(ctx context.Context) { c.reverse(ctx, f, q.OriginIP) })
		for _, z := range c.cfg.DNSBLZones {
			run(func(ctx context.Context) { c.dnsbl(ctx, f, q.OriginIP, z) })
		}
	}
	if c.cfg.GeoIP != nil {
		for _, h := range dedupe(q.LinkHosts) {
			run(func(ctx context.Context) { c.placeHost(ctx, f, h) })
		}
	}
	if c.cfg.Bootstrap != nil {
		for _, d := range dedupe(q.RDAPDomains) {
			run(func(ctx context.Context) { c.rdap(ctx, f, d) })
		}
	}
	if len(q.Raw) > 0 {
		wg.Add(1)
		go func() {
			// Verification makes several queries in a row: it gets the
			// whole deadline, not one look-up's timeout.
			defer wg.Done()
			c.liveAuth(ctx, f, q)
		}()
	}
	for _, d := range dedupe(q.LinkDomains) {
		for _, z := range c.cfg.URIBLZones {
			run(func(ctx context.Context) { c.uribl(ctx, f, d, z) })
		}
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		f.fail("the look-ups did not finish within %s; the ones still running were abandoned", c.cfg.Deadline)
		<-done // every look-up honours ctx, so this is quick
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.Took = time.Since(f.started).Round(time.Millisecond).String()
	slices.Sort(f.Nonexistent)
	slices.Sort(f.Failures)
	slices.SortFunc(f.Registrations, func(a, b Registration) int { return strings.Compare(a.Domain, b.Domain) })
	slices.SortFunc(f.LinkPlaces, func(a, b Place) int { return strings.Compare(a.Host, b.Host) })
	sortListings(f.OriginListings)
	sortListings(f.URIListings)
	return f
}

func sortListings(ls []Listing) {
	slices.SortFunc(ls, func(a, b Listing) int { return strings.Compare(a.Zone+a.Name, b.Zone+b.Name) })
}

func dedupe(xs []string) []string {
	var out []string
	for _, x := range xs {
		x = strings.ToLower(strings.TrimSuffix(x, "."))
		if x != "" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// notFound tells an authoritative "no such name" from a failure.
func notFound(err error) bool {
	var de *net.DNSError
	return errors.As(err, &de) && de.IsNotFound
}

// domainAnswer is what senderDomain learns about one domain.
type domainAnswer struct {
	Exists bool
	Hosts  []netip.Addr // its A/AAAA and its MX hosts' addresses
}

// senderDomain checks that the domain exists and whether its A or MX
// hosts include the originating IP.
func (c *Client) senderDomain(ctx context.Context, f *Facts, d string, origin netip.Addr) {
	var ans domainAnswer
	if !c.cfg.Cache.get("domain", d, &ans) {
		var ok bool
		if ans, ok = c.lookupDomain(ctx, f, d); !ok {
			return
		}
		c.cfg.Cache.put("domain", d, ans)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !ans.Exists {
		f.Nonexistent = append(f.Nonexistent, d)
		return
	}
	if origin.IsValid() && slices.Contains(ans.Hosts, origin) {
		f.SenderAtOrigin = append(f.SenderAtOrigin, d)
	}
}

// lookupDomain asks the DNS; ok is false when a look-up failed.
func (c *Client) lookupDomain(ctx context.Context, f *Facts, d string) (domainAnswer, bool) {
	addrs, err := c.r.LookupNetIP(ctx, "ip", d)
	mxs, mxErr := c.r.LookupMX(ctx, d)
	switch {
	case notFound(err) && notFound(mxErr):
		// No address and no mail exchanger. Only a name error on the
		// domain itself means it does not exist; "no records" does not.
		if _, e := c.r.LookupTXT(ctx, d); notFound(e) && isNXDOMAIN(err) {
			return domainAnswer{}, true
		}
	case err != nil && !notFound(err):
		f.fail("address of %s: %v", d, shortErr(err))
		return domainAnswer{}, false
	}
	ans := domainAnswer{Exists: true, Hosts: addrs}
	for _, mx := range mxs {
		if a, e := c.r.LookupNetIP(ctx, "ip", strings.TrimSuffix(mx.Host, ".")); e == nil {
			ans.Hosts = append(ans.Hosts, a...)
		}
	}
	return ans, true
}

// isNXDOMAIN: Go reports both NXDOMAIN and NODATA as IsNotFound; the
// error text tells them apart ("no such host" is NXDOMAIN).
func isNXDOMAIN(err error) bool {
	var de *net.DNSError
	return errors.As(err, &de) && de.IsNotFound && strings.Contains(de.Err, "no such host")
}

// reverseAnswer is the PTR name and whether it resolves back.
type reverseAnswer struct {
	Name      string
	Confirmed bool
}

// reverse reads the PTR name and confirms it forward.
func (c *Client) reverse(ctx context.Context, f *Facts, ip netip.Addr) {
	var ans reverseAnswer
	if !c.cfg.Cache.get("reverse", ip.String(), &ans) {
		names, err := c.r.LookupAddr(ctx, ip.String())
		if err != nil && !notFound(err) {
			f.fail("reverse DNS of %s: %v", ip, shortErr(err))
			return
		}
		if len(names) > 0 {
			ans.Name = strings.TrimSuffix(names[0], ".")
			addrs, err := c.r.LookupNetIP(ctx, "ip", ans.Name)
			ans.Confirmed = err == nil && slices.Contains(addrs, ip.Unmap())
		}
		c.cfg.Cache.put("reverse", ip.String(), ans)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.OriginPTR, f.OriginFCrDNS = ans.Name, ans.Confirmed
}

func shortErr(err error) string {
	var de *net.DNSError
	switch {
	case errors.As(err, &de) && de.IsTimeout, errors.Is(err, context.DeadlineExceeded):
		return "timed out"
	case errors.As(err, &de):
		return de.Err
	}
	return err.Error()
}

// placeHost resolves a link host and places its first address.
func (c *Client) placeHost(ctx context.Context, f *Facts, host string) {
	addrs, err := c.r.LookupNetIP(ctx, "ip", host)
	if err != nil || len(addrs) == 0 {
		if err != nil && !notFound(err) {
			f.fail("address of %s: %v", host, shortErr(err))
		}
		return
	}
	p := c.cfg.GeoIP.Lookup(addrs[0])
	p.Host = host
	f.mu.Lock()
	f.LinkPlaces = append(f.LinkPlaces, p)
	f.mu.Unlock()
}
