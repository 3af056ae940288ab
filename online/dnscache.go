package online

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"time"
)

// authResolver is what SPF, DKIM and DMARC verification asks the DNS
// (blitiri.com.ar/go/spf's DNSResolver; net.Resolver has it).
type authResolver interface {
	LookupTXT(ctx context.Context, name string) ([]string, error)
	LookupMX(ctx context.Context, name string) ([]*net.MX, error)
	LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error)
	LookupAddr(ctx context.Context, addr string) ([]string, error)
}

// Lifetimes of the answers a DNSCache keeps. Go's resolver does not
// report record TTLs, so these stand in: long enough that a burst of
// mail from one sender asks once, short enough that a changed SPF, DKIM
// or DMARC record counts within minutes.
const (
	DNSCacheTTL         = 5 * time.Minute
	DNSCacheNegativeTTL = time.Minute
	// DefaultDNSCacheEntries bounds a DNSCache made with size 0.
	DefaultDNSCacheEntries = 20000
)

// DNSCache keeps the answers of the authentication look-ups (TXT, MX,
// addresses, PTR) in memory, for every message and connection that
// shares it; it is safe for concurrent use. Answers and "no such name"
// are kept (DNSCacheTTL, DNSCacheNegativeTTL); failures and time-outs
// never are, so a DNS server that did not answer is asked again.
type DNSCache struct {
	max int
	now func() time.Time

	mu      sync.Mutex
	entries map[string]dnsEntry
}

type dnsEntry struct {
	value   any // []string, []*net.MX or []net.IPAddr
	err     error
	expires time.Time
}

// NewDNSCache makes a cache of at most size answers (0: the default).
func NewDNSCache(size int) *DNSCache {
	if size <= 0 {
		size = DefaultDNSCacheEntries
	}
	return &DNSCache{max: size, now: time.Now, entries: map[string]dnsEntry{}}
}

// Len is the number of answers kept.
func (c *DNSCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

func (c *DNSCache) get(key string) (dnsEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if ok && !c.now().Before(e.expires) {
		delete(c.entries, key)
		ok = false
	}
	return e, ok
}

func (c *DNSCache) put(key string, value any, err error) {
	ttl := DNSCacheTTL
	if err != nil {
		var de *net.DNSError
		if !errors.As(err, &de) || !de.IsNotFound {
			return // a failure: ask again next time
		}
		ttl = DNSCacheNegativeTTL
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if len(c.entries) >= c.max {
		// Full: drop what expired, then, if still full, an arbitrary half.
		for k, e := range c.entries {
			if !now.Before(e.expires) {
				delete(c.entries, k)
			}
		}
		for k := range c.entries {
			if len(c.entries) < c.max/2 {
				break
			}
			delete(c.entries, k)
		}
	}
	c.entries[key] = dnsEntry{value: value, err: err, expires: now.Add(ttl)}
}

// cachedResolver answers from the cache, asking next for what it lacks.
type cachedResolver struct {
	cache *DNSCache
	next  authResolver
}

func lookup[T any](r *cachedResolver, kind, name string, ask func() (T, error)) (T, error) {
	key := kind + " " + strings.ToLower(strings.TrimSuffix(name, "."))
	if e, ok := r.cache.get(key); ok {
		v, _ := e.value.(T)
		return v, e.err
	}
	v, err := ask()
	r.cache.put(key, v, err)
	return v, err
}

func (r *cachedResolver) LookupTXT(ctx context.Context, name string) ([]string, error) {
	return lookup(r, "TXT", name, func() ([]string, error) { return r.next.LookupTXT(ctx, name) })
}

func (r *cachedResolver) LookupMX(ctx context.Context, name string) ([]*net.MX, error) {
	return lookup(r, "MX", name, func() ([]*net.MX, error) { return r.next.LookupMX(ctx, name) })
}

func (r *cachedResolver) LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error) {
	return lookup(r, "IP", host, func() ([]net.IPAddr, error) { return r.next.LookupIPAddr(ctx, host) })
}

func (r *cachedResolver) LookupAddr(ctx context.Context, addr string) ([]string, error) {
	return lookup(r, "PTR", addr, func() ([]string, error) { return r.next.LookupAddr(ctx, addr) })
}
