package milter

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writePolicy(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "policy.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadPolicy(t *testing.T) {
	p, err := LoadPolicy(writePolicy(t, `
phishing: reject
suspicious: tag
subject_prefix: "[要注意]"
domains:
  sales.example.co.jp:
    phishing: hold
  Example.co.jp.:
    suspicious: none
allow:
  clients: [192.0.2.0/24, 2001:db8::1, relay.partner.example]
  senders: [news@partner.example, trusted.example]
  recipients: [abuse@example.co.jp, reports.example.co.jp]
`))
	if err != nil {
		t.Fatal(err)
	}
	ip := func(s string) netip.Addr { return netip.MustParseAddr(s) }
	out := ip("203.0.113.9")
	cases := []struct {
		name, verdict, clientName, mailFrom, from string
		client                                    netip.Addr
		rcpt                                      []string
		want                                      Action
		allowed                                   string
	}{
		{"default phishing", "phishing", "", "x@evil.example", "x@evil.example", out, []string{"a@other.example"}, ActionReject, ""},
		{"domain keeps the default it leaves out", "phishing", "", "x@evil.example", "", out, []string{"a@example.co.jp"}, ActionReject, ""},
		{"domain override", "suspicious", "", "x@evil.example", "", out, []string{"a@example.co.jp"}, ActionNone, ""},
		{"longest domain wins", "phishing", "", "x@evil.example", "", out, []string{"a@sales.example.co.jp"}, ActionHold, ""},
		{"strongest recipient wins", "phishing", "", "x@evil.example", "", out, []string{"a@sales.example.co.jp", "b@other.example"}, ActionReject, ""},
		{"clean is never acted on", "clean", "", "x@evil.example", "", out, []string{"a@other.example"}, ActionNone, ""},
		{"allowed prefix", "phishing", "", "x@evil.example", "", ip("192.0.2.77"), []string{"a@other.example"}, ActionNone, "client 192.0.2.0/24"},
		{"allowed v6", "phishing", "", "", "", ip("2001:db8::1"), []string{"a@other.example"}, ActionNone, "client 2001:db8::1/128"},
		{"allowed host suffix", "phishing", "mx2.relay.partner.example", "", "", out, []string{"a@other.example"}, ActionNone, "client relay.partner.example"},
		{"host unknown is not a name", "phishing", "unknown", "", "", out, []string{"a@other.example"}, ActionReject, ""},
		{"allowed sender address", "phishing", "", "news@partner.example", "", out, []string{"a@other.example"}, ActionNone, "sender news@partner.example"},
		{"other address of that domain", "phishing", "", "ceo@partner.example", "", out, []string{"a@other.example"}, ActionReject, ""},
		{"allowed From domain", "phishing", "", "bounce@esp.example", "info@mail.trusted.example", out, []string{"a@other.example"}, ActionNone, "sender trusted.example"},
		{"lookalike domain is not allowed", "phishing", "", "", "info@nottrusted.example", out, []string{"a@other.example"}, ActionReject, ""},
		{"all recipients allowed", "phishing", "", "", "", out, []string{"<Abuse@example.co.jp>", "x@reports.example.co.jp"}, ActionNone, "recipients"},
		{"allowed recipient left out", "phishing", "", "", "", out, []string{"abuse@example.co.jp", "a@sales.example.co.jp"}, ActionHold, ""},
	}
	for _, c := range cases {
		d := p.Decide(c.verdict, c.client, c.clientName, c.mailFrom, c.from, c.rcpt)
		if d.Action != c.want || d.Allowed != c.allowed {
			t.Errorf("%s: got %v %q, want %v %q", c.name, d.Action, d.Allowed, c.want, c.allowed)
		}
	}
	if p.SubjectPrefix != "[要注意]" || p.RejectReason != DefaultRejectReason {
		t.Errorf("prefix %q reason %q", p.SubjectPrefix, p.RejectReason)
	}
}

func TestDefaultPolicy(t *testing.T) {
	p := DefaultPolicy()
	if p.Phishing != ActionTag || p.Suspicious != ActionNone || p.SubjectPrefix != "[フィッシング注意]" {
		t.Errorf("defaults %+v", p.Actions)
	}
	if d := p.Decide("phishing", netip.Addr{}, "", "", "", nil); d.Action != ActionTag {
		t.Errorf("no recipients: %v", d.Action)
	}
}

func TestBadPolicies(t *testing.T) {
	for text, want := range map[string]string{
		"phishing: quarantine\n":      "unknown action",
		"phishng: reject\n":           "not found",
		"reject_reason: \"危険\"\n":     "printable ASCII",
		"subject_prefix: \"a\\nb\"\n": "one line",
		"domains: [a, b]\n":           "cannot unmarshal",
		"allow:\n  clients: {a: b}\n": "cannot unmarshal",
	} {
		_, err := LoadPolicy(writePolicy(t, text))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", text, err, want)
		}
	}
	if _, err := LoadPolicy(filepath.Join(t.TempDir(), "missing.yaml")); err == nil || !strings.Contains(err.Error(), "cannot read") {
		t.Errorf("missing file: %v", err)
	}
	if p, err := LoadPolicy(writePolicy(t, "# only a comment\n")); err != nil || p.Phishing != ActionTag {
		t.Errorf("empty file: %v", err)
	}
}

func TestDeployedPolicyExample(t *testing.T) {
	p, err := LoadPolicy("../deploy/mekiki-milter.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := netip.MustParseAddr("203.0.113.9")
	for rcpt, want := range map[string]Action{"a@example.co.jp": ActionHold, "b@sales.example.co.jp": ActionReject, "c@other.example": ActionTag, "abuse@example.co.jp": ActionNone} {
		if d := p.Decide("phishing", out, "", "", "", []string{rcpt}); d.Action != want {
			t.Errorf("%s: %v, want %v", rcpt, d.Action, want)
		}
	}
}
