package online

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"
)

type countingResolver struct {
	calls int
	err   error
}

func (r *countingResolver) LookupTXT(ctx context.Context, name string) ([]string, error) {
	r.calls++
	return []string{"v=spf1 -all"}, r.err
}
func (r *countingResolver) LookupMX(context.Context, string) ([]*net.MX, error) { return nil, nil }
func (r *countingResolver) LookupIPAddr(context.Context, string) ([]net.IPAddr, error) {
	return nil, nil
}
func (r *countingResolver) LookupAddr(context.Context, string) ([]string, error) { return nil, nil }

func TestDNSCache(t *testing.T) {
	now := time.Unix(1e9, 0)
	cache := NewDNSCache(0)
	cache.now = func() time.Time { return now }
	next := &countingResolver{}
	r := &cachedResolver{cache: cache, next: next}
	ctx := context.Background()
	for range 3 {
		if v, err := r.LookupTXT(ctx, "Example.COM."); err != nil || len(v) != 1 {
			t.Fatal(v, err)
		}
	}
	if next.calls != 1 {
		t.Errorf("an answer asked %d times, want once", next.calls)
	}
	now = now.Add(DNSCacheTTL)
	r.LookupTXT(ctx, "example.com")
	if next.calls != 2 {
		t.Errorf("an expired answer was not asked again (%d)", next.calls)
	}
	next.err = &net.DNSError{Err: "no such host", Name: "gone.example", IsNotFound: true}
	r.LookupTXT(ctx, "gone.example")
	if _, err := r.LookupTXT(ctx, "gone.example"); next.calls != 3 || err == nil {
		t.Errorf("no such name: %d calls, %v", next.calls, err)
	}
	next.err = &net.DNSError{Err: "i/o timeout", Name: "slow.example", IsTimeout: true}
	r.LookupTXT(ctx, "slow.example")
	_, err := r.LookupTXT(ctx, "slow.example")
	var de *net.DNSError
	if next.calls != 5 || !errors.As(err, &de) || !de.IsTimeout {
		t.Errorf("a time-out was kept: %d calls, %v", next.calls, err)
	}
}
