package check

import "testing"

// TestHeadlineHoldingADomain: a headline sentence that holds a brand's
// domain as a word, behind the sender's own link or its ESP's click
// tracker in authenticated mail, shows no destination; text that is the
// address, names it as the place to go or invites a login still does.
func TestHeadlineHoldingADomain(t *testing.T) {
	const (
		from    = "Security Ledger Morning Brief <brief@techwire-media.example>"
		own     = "https://click.techwire-media.example/c/8a1f/story"
		tracker = "https://u4821.ct.sendgrid.net/ls/click?upn=TGVkZ2Vy"
		other   = "https://news.other-site.example/story"
		noAuth  = "spf=none; dkim=none; dmarc=none"
	)
	cases := []struct {
		name, text, href, auth string
		want                   string // url.anchor_mismatch severity; "" means quiet
	}{
		{"headline over the sender's own tracker", "McAfee.com sour on bundled antivirus as subscribers drift", own, ownAuth, ""},
		{"headline over its own tracker unauthenticated", "McAfee.com sour on bundled antivirus as subscribers drift", own, noAuth, ""},
		{"domain inside the headline", "Why Amazon.co.jp tightens seller checks this winter", own, ownAuth, ""},
		{"headline over the ESP's tracker, authenticated", "Amazon.co.jp tightens seller checks after fake storefronts", tracker, ownAuth, ""},

		{"headline over the ESP's tracker, unauthenticated", "Amazon.co.jp tightens seller checks after fake storefronts", tracker, noAuth, High},
		{"headline over another site", "McAfee.com sour on bundled antivirus as subscribers drift", other, ownAuth, High},
		{"a URL as the text", "www.paypal.com", own, ownAuth, High},
		{"a URL inside a sentence", "Read www.paypal.com news on bundled antivirus today", own, ownAuth, High},
		// A brand's bare domain over the sender's own page, in mail that
		// does not wear the brand, is a reference (TestOwnLinkReference).
		{"the bare domain alone", "PayPal.com", own, ownAuth, Medium},
		{"the domain as the place to go", "Shop for winter gifts today at Amazon.co.jp", own, ownAuth, High},
		{"the domain last", "Winter gifts and more deals on Amazon.co.jp", own, ownAuth, High},
		{"a login lure", "PayPal.com: sign in to restore your access now", own, ownAuth, High},
		{"an address further on", "McAfee.com sour on bundled antivirus, more at www.other-site.example", own, ownAuth, High},
		{"too short to be a sentence", "PayPal.com account limited", own, ownAuth, High},
	}
	for _, c := range cases {
		body := `<p><a href="` + c.href + `">` + c.text + `</a></p>`
		got := run(parseRaw(t, newsletterRaw(from, "Morning Brief", c.auth, unsubLine, body)))
		if got["url.anchor_mismatch"] != c.want {
			t.Errorf("%s: url.anchor_mismatch = %q, want %q (%v)", c.name, got["url.anchor_mismatch"], c.want, got)
		}
	}
}

// TestOwnLinkReference: a brand's bare domain over a page of the
// sender's own site is medium while the mail claims the brand only in
// its body, and high once the display name or subject wears the brand or
// the text is written as an address.
func TestOwnLinkReference(t *testing.T) {
	const own = "https://www.techwire-media.example/deals/paypal"
	cases := []struct {
		name, from, subject, text, want string
	}{
		{"a reference on the sender's site", "Morning Brief <brief@techwire-media.example>", "Morning Brief", "PayPal.com", Medium},
		{"the display name wears the brand", "PayPal <brief@techwire-media.example>", "Morning Brief", "PayPal.com", High},
		{"the subject wears the brand", "Morning Brief <brief@techwire-media.example>", "Your PayPal account is limited", "PayPal.com", High},
		{"written as an address", "Morning Brief <brief@techwire-media.example>", "Morning Brief", "https://www.paypal.com/signin", High},
	}
	for _, c := range cases {
		body := `<p>Deals: <a href="` + own + `">` + c.text + `</a></p>`
		got := run(parseRaw(t, newsletterRaw(c.from, c.subject, "spf=none; dkim=none; dmarc=none", "", body)))
		if got["url.anchor_mismatch"] != c.want {
			t.Errorf("%s: url.anchor_mismatch = %q, want %q (%v)", c.name, got["url.anchor_mismatch"], c.want, got)
		}
	}
}
