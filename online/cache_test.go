package online

import (
	"context"
	"net"
	"net/netip"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/mekiki/mekiki/internal/dnstest"
)

// TestCacheAnswersWithoutTheNetwork: answers from a live DNS are kept;
// a second client on a dead resolver gets the same facts from the cache,
// until they expire.
func TestCacheAnswersWithoutTheNetwork(t *testing.T) {
	path := filepath.Join(t.TempDir(), "online.db")
	cache, err := OpenCache(path)
	if err != nil {
		t.Fatal(err)
	}
	defer cache.Close()
	q := Query{SenderDomains: []string{"exists.example", "eki-net.co.jp"}, OriginIP: netip.MustParseAddr("203.0.113.5"),
		LinkDomains: []string{"evil-login.example"}}
	live := New(Config{Resolver: dnstest.Serve(t, testZone), Cache: cache, URIBLZones: []string{"dbl.spamhaus.org"}})
	first := live.Enrich(context.Background(), q)

	dead, _ := net.ListenPacket("udp", "127.0.0.1:0")
	defer dead.Close()
	offline := New(Config{Resolver: dead.LocalAddr().String(), Cache: cache, URIBLZones: []string{"dbl.spamhaus.org"},
		LookupTimeout: 100 * time.Millisecond, Deadline: 300 * time.Millisecond})
	second := offline.Enrich(context.Background(), q)
	if len(second.Failures) != 0 || !slices.Equal(second.Nonexistent, first.Nonexistent) || second.OriginPTR != first.OriginPTR ||
		len(second.OriginListings) != len(first.OriginListings) || len(second.URIListings) != 1 {
		t.Errorf("cached facts differ:\nfirst  %+v\nsecond %+v", first, second)
	}
	cache.now = func() time.Time { return time.Now().Add(25 * time.Hour) }
	third := offline.Enrich(context.Background(), q)
	if len(third.Failures) == 0 {
		t.Error("expired answers were still used")
	}
	if err := cache.Purge(); err != nil {
		t.Fatal(err)
	}
}
