package mekiki_test

import (
	"bytes"
	"context"
	"net/netip"
	"os"
	"regexp"
	"testing"

	"github.com/mekiki/mekiki"
)

var (
	receivedField = regexp.MustCompile(`(?im)^Received:[^\n]*(?:\n[ \t][^\n]*)*`)
	byMicrosoft   = regexp.MustCompile(`(?i)\bby [a-z0-9.-]+\.(?:outlook\.com|office365\.com|exchangelabs\.com)\b`)
	byGoogle      = regexp.MustCompile(`(?i)\bby (?:mx\.google\.com|2002:[0-9a-f:]+)\b`)
	// Results the receiving platform writes: Microsoft's without an
	// authserv-id, Google's under mx.google.com.
	microsoftResults = regexp.MustCompile(`(?im)^Authentication-Results:\s*(?:spf|dkim|dmarc|compauth)=`)
	googleResults    = regexp.MustCompile(`(?im)^(?:ARC-)?Authentication-Results:\s*(?:i=\d+;\s*)?mx\.google\.com`)
	ipLiteral        = regexp.MustCompile(`[\[(]((?:\d{1,3}\.){3}\d{1,3}|[0-9a-fA-F]*:[0-9a-fA-F:.]+)[\])]`)
	platformInternal = []netip.Prefix{netip.MustParsePrefix("2603:1000::/24"), netip.MustParsePrefix("2002::/16")}
)

// TestCorpusHostedReceivers: for every corpus mail whose last receiver is
// Microsoft 365 or Gmail (its topmost Received is by their hosts), the
// origin is the server that connected to them, never their own internal
// hop, and the results the platform wrote are the ones trusted. Mails
// whose Received lines hold no public IP at all (the corpus source
// redacted them) can have no origin and are counted apart.
func TestCorpusHostedReceivers(t *testing.T) {
	files := corpusFiles(t)
	a, _ := mekiki.New(mekiki.Options{})
	type tally struct{ mails, noIP, origin, withResults, results int }
	var ms, google tally
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		head := raw
		if i := bytes.Index(raw, []byte("\n\n")); i > 0 {
			head = raw[:i]
		}
		if i := bytes.Index(raw, []byte("\r\n\r\n")); i > 0 && i < len(head) {
			head = raw[:i]
		}
		head = bytes.ReplaceAll(head, []byte("\r\n"), []byte("\n"))
		fields := receivedField.FindAll(head, -1)
		if len(fields) == 0 {
			continue
		}
		var c *tally
		var results *regexp.Regexp
		switch {
		case byMicrosoft.Match(fields[0]):
			c, results = &ms, microsoftResults
		case byGoogle.Match(fields[0]):
			c, results = &google, googleResults
		default:
			continue
		}
		c.mails++
		rep, err := a.Analyze(context.Background(), bytes.NewReader(raw))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		switch ip, err := netip.ParseAddr(rep.Message.Origin.IP); {
		case !hasPublicIP(fields):
			c.noIP++
		case err != nil || isPlatformInternal(ip):
			t.Errorf("%s: origin %q, want the server that connected to the platform", f, rep.Message.Origin.IP)
		default:
			c.origin++
		}
		if results.Match(head) {
			c.withResults++
			if rep.Message.Auth.Source == "" {
				t.Errorf("%s: the platform's Authentication-Results were not trusted", f)
			} else {
				c.results++
			}
		}
	}
	for _, r := range []struct {
		name string
		c    tally
	}{{"Microsoft 365", ms}, {"Gmail", google}} {
		t.Logf("%s as the last receiver: %d mails, origin read %d (%d with no public IP in any Received), the platform's results %d of %d carrying them",
			r.name, r.c.mails, r.c.origin, r.c.noIP, r.c.results, r.c.withResults)
	}
}

func isPlatformInternal(ip netip.Addr) bool {
	for _, p := range platformInternal {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// hasPublicIP reports whether any Received field names a public IP
// outside the platforms' internal ranges.
func hasPublicIP(fields [][]byte) bool {
	for _, f := range fields {
		for _, m := range ipLiteral.FindAllSubmatch(f, -1) {
			ip, err := netip.ParseAddr(string(m[1]))
			if err == nil && ip.IsGlobalUnicast() && !ip.IsPrivate() && !isPlatformInternal(ip) {
				return true
			}
		}
	}
	return false
}
