package kb

import (
	"net/netip"
	"testing"
)

func TestReceivers(t *testing.T) {
	k := Default()
	ms := k.ReceiverOfHost("TY2PEPF0000AB83.mail.protection.outlook.com")
	if ms == nil || ms.ID != "microsoft365" || !ms.InternalAddr(netip.MustParseAddr("2603:1096:400:3c5::7")) || !ms.WritesAuthServID("") {
		t.Errorf("Exchange Online = %+v", ms)
	}
	if ms != nil && ms.InternalAddr(netip.MustParseAddr("2a01:111:f403:c10c::1")) {
		t.Error("EOP's public outbound range is not internal")
	}
	if g := k.ReceiverOfHost("mx.google.com"); g == nil || g.ID != "google" || !g.ARC || !g.WritesAuthServID("mx.google.com") {
		t.Errorf("Gmail = %+v", g)
	}
	for _, h := range []string{"mx.example.co.jp", "outlook.com.example.net", "smtp.gmail.com", ""} {
		if r := k.ReceiverOfHost(h); r != nil {
			t.Errorf("%q is no hosted receiver, got %s", h, r.ID)
		}
	}
	if _, err := parseReceivers([]byte("receivers:\n  - id: x\n    internal: [\"not a prefix\"]\n")); err == nil {
		t.Error("a bad prefix must be an error")
	}
}
