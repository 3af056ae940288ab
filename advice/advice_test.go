package advice

import (
	"strings"
	"testing"

	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/kb"
)

func f(id finding.ID, sev string, score float64) check.Finding {
	return check.Finding{ID: id, Severity: sev, Score: score}
}

func ids(steps []Step) string {
	var out []string
	for _, s := range steps {
		out = append(out, s.ID)
	}
	return strings.Join(out, " ")
}

// TestStepsFollowWhatTheMailAsked: a card-phishing mail in Amazon's name
// gets the card step, the brand's report address and the council; a
// call-back scam gets "don't call" and no card step; a clean mail gets
// only the advice to check through the official app.
func TestStepsFollowWhatTheMailAsked(t *testing.T) {
	k := kb.Default()
	amazon := k.Brand("amazon")
	card := Mail{Verdict: "phishing", Brand: amazon, Company: true,
		Findings: []check.Finding{f(finding.SenderBrandMismatch, check.High, 7), f(finding.ContentCredentialRequest, check.High, 3)},
		Text:     "お支払い方法の確認のため、カード番号とセキュリティコードを入力してください"}
	asks := Asked(k, card)
	got := ids(Steps(k, card, asks))
	for _, want := range []string{"dont_click", "check_official", "entered_password", "entered_card", "paid", "report_company", "report_council", "report_police"} {
		if !strings.Contains(got, want) {
			t.Errorf("card phishing: no %s in %s", want, got)
		}
	}
	if amazon.Report != nil && !strings.Contains(got, "report_brand") {
		t.Errorf("card phishing: no report_brand for Amazon, which publishes one: %s", got)
	}
	call := Mail{Verdict: "suspicious", Findings: []check.Finding{f(finding.ContentCallbackScam, check.Medium, 3)}, Text: "Call 1-800-555-0100 to cancel"}
	got = ids(Steps(k, call, Asked(k, call)))
	if !strings.Contains(got, "dont_call") || strings.Contains(got, "entered_card") || strings.Contains(got, "report_council") || strings.Contains(got, "report_company") {
		t.Errorf("call-back: %s", got)
	}
	clean := Mail{Verdict: "clean", Text: "カード番号"}
	if got := ids(Steps(k, clean, Asked(k, clean))); got != "check_official" {
		t.Errorf("clean: %s", got)
	}
	for _, s := range Steps(k, clean, nil) {
		if strings.Contains(s.TextJA, " 送り主 ") || strings.Contains(s.TextJA, "{brand}") {
			t.Errorf("no brand: %q", s.TextJA)
		}
	}
}

// TestSummarySaysWhatAndWhy: the summary names the brand, where it came
// from, where the links go and what it asks for; a clean verdict never
// says the mail is safe.
func TestSummarySaysWhatAndWhy(t *testing.T) {
	k := kb.Default()
	m := Mail{Verdict: "phishing", Brand: k.Brand("amazon"),
		Findings: []check.Finding{f(finding.SenderBrandMismatch, check.High, 7), f(finding.URLBrandInSubdomain, check.High, 4),
			f(finding.ContentCredentialRequest, check.High, 3)}}
	ja, en := Summary(m, Asked(k, m), false)
	for _, want := range []string{"フィッシング", "Amazon を名乗っていますが", "リンク先も Amazon ではなく", "パスワード"} {
		if !strings.Contains(ja, want) {
			t.Errorf("ja %q lacks %q", ja, want)
		}
	}
	if !strings.Contains(en, "claims to be Amazon") || !strings.Contains(en, "links do not lead to Amazon") {
		t.Errorf("en %q", en)
	}
	for _, c := range []Mail{{Verdict: "clean"}, {Verdict: "clean", Findings: []check.Finding{f(finding.SenderHeaderMismatch, check.Low, 1)}}} {
		ja, en := Summary(c, nil, false)
		if strings.Contains(ja, "安全です") || !strings.Contains(ja, "確認してください") || strings.Contains(strings.ToLower(en), "is safe") {
			t.Errorf("clean summary promises safety: %q / %q", ja, en)
		}
	}
	ja, _ = Summary(Mail{Verdict: "suspicious", Findings: []check.Finding{f(finding.SenderHeaderMismatch, check.High, 3)}}, nil, true)
	if !strings.Contains(ja, "迷惑メール") {
		t.Errorf("capped: %q", ja)
	}
}

// TestAdviceContactsAreSourcedAddresses: every contact the steps name
// has an address, a web page or a phone number, and web pages are https.
func TestAdviceContactsAreSourcedAddresses(t *testing.T) {
	for id, c := range kb.Default().Advice.Contacts {
		if c.URL != "" && !strings.HasPrefix(c.URL, "https://") {
			t.Errorf("%s: %s is not https", id, c.URL)
		}
		if c.Email != "" && strings.Count(c.Email, "@") != 1 {
			t.Errorf("%s: %s is not an address", id, c.Email)
		}
	}
}

// TestSummaryReadsAsJapanese: a brand written in Japanese sits in the
// sentence without spaces, one in Latin letters with them, and the
// reasons do not repeat the lead.
func TestSummaryReadsAsJapanese(t *testing.T) {
	k := kb.Default()
	resona := k.Brand("resona")
	if resona == nil {
		t.Skip("no resona brand in the knowledge base")
	}
	m := Mail{Verdict: "phishing", Brand: resona, Findings: []check.Finding{f(finding.SenderBrandMismatch, check.High, 7)}}
	ja, _ := Summary(m, nil, false)
	if strings.Contains(ja, " を") || strings.Contains(ja, "行 ") {
		t.Errorf("spaces around a Japanese name: %q", ja)
	}
	prize := Mail{Verdict: "phishing", Findings: []check.Finding{f(finding.ContentPrizeLure, check.Medium, 3)}}
	if ja, _ := Summary(prize, nil, false); strings.Count(ja, "当選や特典を装") != 1 {
		t.Errorf("the prize is said twice: %q", ja)
	}
}
