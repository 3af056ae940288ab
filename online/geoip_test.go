package online

import (
	"net/netip"
	"path/filepath"
	"testing"

	"github.com/maxmind/mmdbwriter/mmdbtype"

	"github.com/mekiki/mekiki/internal/geotest"
)

// testGeoIP: 203.0.113.0/24 is in BG (AS64500), 198.51.100.0/24 in JP
// (AS64501), 2001:db8::/32 in US (AS64502).
func testGeoIP(t *testing.T) (country, asn string) {
	cc, as := geotest.Country, geotest.ASN
	country = geotest.WriteMMDB(t, "GeoLite2-Country", map[string]mmdbtype.Map{"203.0.113.0/24": cc("BG"), "198.51.100.0/24": cc("JP"), "2001:db8::/32": cc("US")})
	asn = geotest.WriteMMDB(t, "GeoLite2-ASN", map[string]mmdbtype.Map{"203.0.113.0/24": as(64500, "Example Hosting BG"),
		"198.51.100.0/24": as(64501, "Example JP ISP"), "2001:db8::/32": as(64502, "QuadraNet-like US")})
	return country, asn
}

func TestGeoIPLookup(t *testing.T) {
	country, asn := testGeoIP(t)
	g, err := OpenGeoIP(country, asn)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	cases := map[string]Place{
		"203.0.113.45":        {IP: "203.0.113.45", Country: "BG", ASN: 64500, ASOrg: "Example Hosting BG"},
		"::ffff:198.51.100.7": {IP: "198.51.100.7", Country: "JP", ASN: 64501, ASOrg: "Example JP ISP"},
		"2001:db8::25":        {IP: "2001:db8::25", Country: "US", ASN: 64502, ASOrg: "QuadraNet-like US"},
		"192.0.2.1":           {IP: "192.0.2.1"},
	}
	for ip, want := range cases {
		if got := g.Lookup(netip.MustParseAddr(ip)); got != want {
			t.Errorf("%s: %+v, want %+v", ip, got, want)
		}
	}
	if _, err := OpenGeoIP(filepath.Join(t.TempDir(), "missing.mmdb"), ""); err == nil {
		t.Error("missing database opened")
	}
	var none *GeoIP
	if p := none.Lookup(netip.MustParseAddr("203.0.113.45")); p.Country != "" {
		t.Error("nil GeoIP answered")
	}
}
