package safehttp

import (
	"fmt"
	"net/netip"
	"slices"
	"syscall"
)

// AddressError is a connection the policy refused because of where it
// would go.
type AddressError struct {
	Addr   netip.AddrPort
	Reason string // what kind of address it is, e.g. "a loopback address"
}

func (e *AddressError) Error() string {
	return fmt.Sprintf("%s is %s, and mekiki connects only to public addresses", e.Addr, e.Reason)
}

// nonPublic are the ranges mekiki never connects to, with what they are.
// The checks in Refusal cover loopback, private, link-local, multicast and
// unspecified addresses of both families; these are the rest.
var nonPublic = []struct {
	prefix netip.Prefix
	reason string
}{
	{netip.MustParsePrefix("169.254.169.254/32"), "a cloud metadata address"},
	{netip.MustParsePrefix("fd00:ec2::254/128"), "a cloud metadata address"},
	{netip.MustParsePrefix("100.100.100.200/32"), "a cloud metadata address"},
	{netip.MustParsePrefix("0.0.0.0/8"), `a "this network" address`},
	{netip.MustParsePrefix("100.64.0.0/10"), "a shared (carrier-grade NAT) address"},
	{netip.MustParsePrefix("192.0.0.0/24"), "an IETF protocol address"},
	{netip.MustParsePrefix("198.18.0.0/15"), "a benchmarking address"},
	{netip.MustParsePrefix("240.0.0.0/4"), "a reserved address"}, // and the broadcast address
	{netip.MustParsePrefix("64:ff9b:1::/48"), "a local-use NAT64 address"},
}

// nat64 is the well-known NAT64 prefix, whose addresses carry an IPv4
// address in their last 32 bits.
var nat64 = netip.MustParsePrefix("64:ff9b::/96")

// Refusal says why mekiki does not connect to a, or "" when a is a public
// address it may connect to.
func Refusal(a netip.Addr) string {
	a = a.WithZone("").Unmap()
	if nat64.Contains(a) {
		b := a.As16()
		a = netip.AddrFrom4([4]byte(b[12:]))
	}
	for _, n := range nonPublic {
		if n.prefix.Contains(a) {
			return n.reason
		}
	}
	switch {
	case !a.IsValid():
		return "not an address"
	case a.IsUnspecified():
		return "the unspecified address"
	case a.IsLoopback():
		return "a loopback address"
	case a.IsPrivate():
		return "a private address"
	case a.IsLinkLocalUnicast():
		return "a link-local address"
	case a.IsMulticast():
		return "a multicast address"
	}
	return ""
}

// control runs for every connection the dialer makes, on the address it
// resolved, before connecting: a connection to a non-public address is
// refused unless a test allowed exactly that address and port.
func (p Policy) control(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("cannot tell where %q is", address)
	}
	ap = unmapped(ap)
	if slices.ContainsFunc(p.AllowForTests, func(t netip.AddrPort) bool { return unmapped(t) == ap }) {
		return nil
	}
	if why := Refusal(ap.Addr()); why != "" {
		return &AddressError{Addr: ap, Reason: why}
	}
	return nil
}

func unmapped(ap netip.AddrPort) netip.AddrPort {
	return netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port())
}
