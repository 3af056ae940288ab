package online

import (
	"fmt"
	"net/netip"

	"github.com/oschwald/maxminddb-golang/v2"
)

// GeoIP answers country and autonomous system for an IP from
// MaxMind-format databases the user supplies (GeoLite2-Country and
// GeoLite2-ASN from maxmind.com, or DB-IP's free "IP to Country Lite"
// and "IP to ASN Lite" from db-ip.com). The files are read locally:
// nothing is sent anywhere.
type GeoIP struct {
	country, asn *maxminddb.Reader
}

// OpenGeoIP opens the country and ASN databases; either may be "".
func OpenGeoIP(countryFile, asnFile string) (*GeoIP, error) {
	g := &GeoIP{}
	var err error
	if countryFile != "" {
		if g.country, err = maxminddb.Open(countryFile); err != nil {
			return nil, fmt.Errorf("cannot open the GeoIP country database %s: %w", countryFile, err)
		}
	}
	if asnFile != "" {
		if g.asn, err = maxminddb.Open(asnFile); err != nil {
			g.Close()
			return nil, fmt.Errorf("cannot open the GeoIP ASN database %s: %w", asnFile, err)
		}
	}
	return g, nil
}

// Close releases the databases.
func (g *GeoIP) Close() {
	if g == nil {
		return
	}
	if g.country != nil {
		g.country.Close()
	}
	if g.asn != nil {
		g.asn.Close()
	}
}

// Place is what the databases say about one IP.
type Place struct {
	IP      string `json:"ip"`
	Host    string `json:"host,omitempty"`
	Country string `json:"country,omitempty"` // ISO 3166-1 alpha-2
	ASN     uint   `json:"asn,omitempty"`
	ASOrg   string `json:"as_org,omitempty"`
}

// Lookup fills a Place; unknown fields stay empty.
func (g *GeoIP) Lookup(ip netip.Addr) Place {
	ip = ip.Unmap()
	p := Place{IP: ip.String()}
	if g == nil || !ip.IsValid() {
		return p
	}
	if g.country != nil {
		var rec struct {
			Country struct {
				ISOCode string `maxminddb:"iso_code"`
			} `maxminddb:"country"`
		}
		if r := g.country.Lookup(ip); r.Found() && r.Decode(&rec) == nil {
			p.Country = rec.Country.ISOCode
		}
	}
	if g.asn != nil {
		var rec struct {
			ASN uint   `maxminddb:"autonomous_system_number"`
			Org string `maxminddb:"autonomous_system_organization"`
		}
		if r := g.asn.Lookup(ip); r.Found() && r.Decode(&rec) == nil {
			p.ASN, p.ASOrg = rec.ASN, rec.Org
		}
	}
	return p
}
