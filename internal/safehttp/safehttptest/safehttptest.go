// Package safehttptest lets tests fetch from their own httptest TLS
// servers under the safehttp policy, which refuses loopback addresses.
package safehttptest

import (
	"crypto/x509"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/mekiki/mekiki/internal/safehttp"
)

// Policy is the strict policy, plus trust in the servers' certificate
// and an allowance for exactly their addresses (address and port).
func Policy(t testing.TB, servers ...*httptest.Server) safehttp.Policy {
	t.Helper()
	p := safehttp.Policy{RootCAs: x509.NewCertPool()}
	for _, srv := range servers {
		ap, err := netip.ParseAddrPort(srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		p.AllowForTests = append(p.AllowForTests, ap)
		if srv.Certificate() != nil {
			p.RootCAs.AddCert(srv.Certificate())
		}
	}
	return p
}
