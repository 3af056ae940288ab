package export

import (
	"strings"
	"testing"
	"time"

	"github.com/mekiki/mekiki/kb"
	"github.com/mekiki/mekiki/mail"
)

// TestCouncilReportInJapanese: the summary names the verdict and the
// brand in Japanese, never by mekiki's internal ids.
func TestCouncilReportInJapanese(t *testing.T) {
	rep, raw := report(t)
	if rep.Verdict != "phishing" || len(rep.Brands) == 0 || rep.Brands[0] != "amazon" {
		t.Fatalf("fixture: verdict %s brands %v", rep.Verdict, rep.Brands)
	}
	out := CouncilReport(rep, raw, "hanako@example-corp.co.jp", time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC))
	m, err := mail.ParseBytes(out, mail.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	body := m.Text
	if i := strings.Index(body, "Return-Path:"); i >= 0 {
		body = body[:i] // the summary, not the attached original
	}
	nameJA := kb.Default().Brand("amazon").NameJA
	if !strings.Contains(body, "「フィッシング」") || !strings.Contains(body, "なりすまされているブランド: "+nameJA) {
		t.Errorf("summary:\n%s", body)
	}
	for _, id := range []string{"phishing", ": amazon"} {
		if strings.Contains(body, id) {
			t.Errorf("summary holds the internal id %q:\n%s", id, body)
		}
	}
	rep.Verdict = "suspicious"
	if s := councilSummary(rep); !strings.Contains(s, "「要注意」") {
		t.Errorf("suspicious:\n%s", s)
	}
}
