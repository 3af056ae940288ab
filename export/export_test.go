package export

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/mail"
)

func report(t *testing.T) (*mekiki.Report, []byte) {
	raw, err := os.ReadFile("../testdata/phish-iso2022jp-amazon.eml")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := mekiki.New(mekiki.Options{})
	rep, err := a.Analyze(context.Background(), bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return rep, raw
}

func TestSTIXBundle(t *testing.T) {
	rep, _ := report(t)
	iocs := IOCs(rep)
	var b1, b2 bytes.Buffer
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	if err := WriteSTIX(&b1, iocs, now); err != nil {
		t.Fatal(err)
	}
	WriteSTIX(&b2, iocs, now)
	if b1.String() != b2.String() {
		t.Error("the bundle is not deterministic")
	}
	var bundle struct {
		Type    string `json:"type"`
		ID      string `json:"id"`
		Objects []struct {
			Type, ID, Pattern, PatternType string
			SpecVersion                    string `json:"spec_version"`
		} `json:"objects"`
	}
	if err := json.Unmarshal(b1.Bytes(), &bundle); err != nil {
		t.Fatal(err)
	}
	patterns := map[string]bool{}
	for _, o := range bundle.Objects {
		if o.SpecVersion != "2.1" || !strings.HasPrefix(o.ID, o.Type+"--") {
			t.Errorf("object %+v", o)
		}
		patterns[o.Pattern] = true
	}
	for _, want := range []string{"[url:value = 'http://amaz0n-co-jp.verify-account.top/signin']", "[ipv4-addr:value = '203.0.113.45']",
		"[domain-name:value = 'verify-account.top']", "[email-addr:value = 'amazon.jp.help@gmail.com']"} {
		if !patterns[want] {
			t.Errorf("bundle lacks %s", want)
		}
	}
	if bundle.Type != "bundle" || !strings.HasPrefix(bundle.ID, "bundle--") {
		t.Errorf("bundle %s %s", bundle.Type, bundle.ID)
	}
	if u := uuid5("x"); len(u) != 36 || u[14] != '5' {
		t.Errorf("uuid5 %s", u)
	}
	if p := stixPattern(IOC{Type: "url", Value: `http://a.example/'x`}); p != `[url:value = 'http://a.example/\'x']` {
		t.Errorf("quote escaping: %s", p)
	}
}

func TestCSV(t *testing.T) {
	rep, _ := report(t)
	var b bytes.Buffer
	WriteCSV(&b, IOCs(rep))
	if !strings.HasPrefix(b.String(), "type,value,verdict,subject\n") || !strings.Contains(b.String(), "ipv4,203.0.113.45,phishing,") {
		t.Errorf("csv:\n%s", b.String())
	}
}

func TestCouncilReport(t *testing.T) {
	rep, raw := report(t)
	out := CouncilReport(rep, raw, "hanako@example-corp.co.jp", time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC))
	m, err := mail.ParseBytes(out, mail.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.To) != 1 || m.To[0].Address != CouncilAddress || !strings.Contains(m.Subject, "Amazonアカウントの確認が必要です") {
		t.Errorf("to %v subject %q", m.To, m.Subject)
	}
	if !strings.Contains(m.Text, "hxxp://amaz0n-co-jp[.]verify-account[.]top/signin") || !strings.Contains(m.Text, "203.0.113.45") {
		t.Errorf("summary:\n%s", m.Text)
	}
	if !bytes.Contains(out, []byte("Content-Type: message/rfc822")) || !bytes.Contains(out, raw[:200]) {
		t.Error("the original is not attached whole")
	}
}
