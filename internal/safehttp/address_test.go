package safehttp

import (
	"net/netip"
	"testing"
)

func TestRefusal(t *testing.T) {
	for addr, want := range map[string]string{
		"203.0.113.5":            "",
		"2001:db8::1":            "",
		"127.0.0.1":              "a loopback address",
		"127.0.0.2":              "a loopback address",
		"::1":                    "a loopback address",
		"::ffff:127.0.0.1":       "a loopback address",
		"64:ff9b::7f00:1":        "a loopback address",
		"10.1.2.3":               "a private address",
		"172.16.0.1":             "a private address",
		"192.168.1.1":            "a private address",
		"fd12:3456::1":           "a private address",
		"169.254.169.254":        "a cloud metadata address",
		"fd00:ec2::254":          "a cloud metadata address",
		"100.100.100.200":        "a cloud metadata address",
		"169.254.1.1":            "a link-local address",
		"fe80::1%eth0":           "a link-local address",
		"0.0.0.0":                `a "this network" address`,
		"::":                     "the unspecified address",
		"224.0.0.251":            "a multicast address",
		"ff02::1":                "a multicast address",
		"100.64.0.1":             "a shared (carrier-grade NAT) address",
		"255.255.255.255":        "a reserved address",
		"::ffff:169.254.169.254": "a cloud metadata address",
	} {
		if got := Refusal(netip.MustParseAddr(addr)); got != want {
			t.Errorf("%s: %q, want %q", addr, got, want)
		}
	}
}

func TestControlAllowsExactlyTheTestAddress(t *testing.T) {
	p := Policy{AllowForTests: []netip.AddrPort{netip.MustParseAddrPort("127.0.0.1:8443")}}
	if err := p.control("tcp4", "127.0.0.1:8443", nil); err != nil {
		t.Errorf("the allowed address: %v", err)
	}
	for _, addr := range []string{"127.0.0.1:8444", "127.0.0.2:8443", "[::1]:8443", "169.254.169.254:80"} {
		if err := p.control("tcp", addr, nil); err == nil {
			t.Errorf("%s allowed", addr)
		}
	}
	if err := p.control("tcp4", "203.0.113.5:443", nil); err != nil {
		t.Errorf("a public address: %v", err)
	}
}
