package eval

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mekiki/mekiki/kb"
)

// synthetic builds outcomes: url.shortener@medium on 60 of 100 phishing
// and no ham; sender.header_mismatch@medium on half of each class;
// auth.missing@low (frozen) on every phishing message.
func synthetic() []Outcome {
	var outs []Outcome
	for i := range 100 {
		var hs []Hit
		if i < 60 {
			hs = append(hs, Hit{ID: "url.shortener", Severity: "medium"})
		}
		if i%2 == 0 {
			hs = append(hs, Hit{ID: "sender.header_mismatch", Severity: "medium"})
		}
		hs = append(hs, Hit{ID: "auth.missing", Severity: "low"})
		outs = append(outs, Outcome{Path: fmt.Sprint("p", i), Label: Phishing, Split: Dev, Findings: hs})
	}
	for i := range 200 {
		var hs []Hit
		if i%2 == 0 {
			hs = append(hs, Hit{ID: "sender.header_mismatch", Severity: "medium"})
		}
		outs = append(outs, Outcome{Path: fmt.Sprint("h", i), Label: Ham, Split: Dev, Findings: hs})
	}
	outs = append(outs, Outcome{Path: "spam", Label: Spam, Split: Dev, Findings: []Hit{{ID: "url.shortener", Severity: "medium"}}})
	return outs
}

func TestFitMovesScoresTheDataSupports(t *testing.T) {
	prior := Prior()
	fit := DefaultCalibration.Fit(synthetic(), prior)
	if fit.Phishy != 100 || fit.Ham != 200 || fit.Hard != 0 {
		t.Fatalf("samples %d/%d/%d", fit.Phishy, fit.Ham, fit.Hard)
	}
	short, shortPrior := fit.Scores["url.shortener"]["medium"], prior["url.shortener"]["medium"]
	if short <= shortPrior {
		t.Errorf("url.shortener@medium %g, want above its prior %g: it fires only on phishing", short, shortPrior)
	}
	hm, hmPrior := fit.Scores["sender.header_mismatch"]["medium"], prior["sender.header_mismatch"]["medium"]
	if hm >= hmPrior {
		t.Errorf("sender.header_mismatch@medium %g, want below its prior %g: it tells nothing here", hm, hmPrior)
	}
	if got := fit.Scores["auth.missing"]["low"]; got != prior["auth.missing"]["low"] {
		t.Errorf("frozen auth.missing@low moved to %g", got)
	}
	for id, sevs := range fit.Scores {
		if sevs["high"] < sevs["medium"] && sevs["high"] != 0 || sevs["medium"] < sevs["low"] && sevs["medium"] != 0 {
			t.Errorf("%s not monotone: %v", id, sevs)
		}
		for sev, s := range sevs {
			if s < 0 {
				t.Errorf("%s@%s negative: %g", id, sev, s)
			}
		}
	}
	// Thresholds: at most 0.5 % of ham (1 of 200) at or over phishing.
	over := 0
	for _, o := range synthetic() {
		if o.Label == Ham && Rescore(o, fit.Scores) >= fit.Phishing {
			over++
		}
	}
	if over > 1 || fit.Suspicious > fit.Phishing || fit.Suspicious < 2 {
		t.Errorf("thresholds %g/%g, %d ham over phishing", fit.Suspicious, fit.Phishing, over)
	}
}

func TestFitKeepsHardNegativesClean(t *testing.T) {
	outs := synthetic()
	// A hard negative with a sign of phishing (an urgent phrase), which
	// only the threshold keeps from the phishing verdict.
	hard := Outcome{Path: "hard", Label: Ham, Split: All, Findings: []Hit{{ID: "url.shortener", Severity: "medium"},
		{ID: "sender.header_mismatch", Severity: "medium"}, {ID: "content.urgency", Severity: "low"}}}
	fit := DefaultCalibration.Fit(append(outs, hard), Prior())
	if s := Rescore(hard, fit.Scores); s >= fit.Phishing {
		t.Errorf("hard negative scores %g, phishing threshold %g", s, fit.Phishing)
	}
}

func TestRewriteScoring(t *testing.T) {
	orig := "# old header\n# more\nthresholds:\n  suspicious: 4\n  phishing: 8\n\nfindings:\n  url.shortener: {medium: 2}\n  x.keep: {high: 1}\n"
	fit := Fitted{Scores: map[string]map[string]float64{"url.shortener": {"medium": 3.75, "low": 0.5}}, Suspicious: 4.5, Phishing: 6.5}
	got := string(RewriteScoring([]byte(orig), fit, []string{"new header", ""}))
	want := "# new header\n#\nthresholds:\n  suspicious: 4.5\n  phishing: 6.5\n\nfindings:\n  url.shortener: {medium: 3.75, low: 0.5}\n  x.keep: {high: 1}\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(got, "old header") {
		t.Error("old header kept")
	}
}

// TestPriorCoversTheScoringTable: every finding the knowledge base scores
// has a prior, so a fit never drops one.
func TestPriorCoversTheScoringTable(t *testing.T) {
	prior := Prior()
	for id, sevs := range kb.Default().Scores {
		for sev := range sevs {
			if _, ok := prior[id][sev]; !ok {
				t.Errorf("%s@%s has no prior in its declaration", id, sev)
			}
		}
	}
}

// TestFitCountsSpamAsNegative: a finding that fires on phishing and as
// often on spam is worth less than one that fires on phishing alone, and
// the phishing threshold calls at most MaxSpamPhishing of spam phishing.
func TestFitCountsSpamAsNegative(t *testing.T) {
	var outs []Outcome
	for i := range 100 {
		outs = append(outs, Outcome{Path: fmt.Sprint("p", i), Label: Phishing, Split: Dev,
			Findings: []Hit{{ID: "content.prize_lure", Severity: "medium"}, {ID: "url.shortener", Severity: "medium"}}})
		outs = append(outs, Outcome{Path: fmt.Sprint("s", i), Label: Spam, Split: Dev,
			Findings: []Hit{{ID: "content.prize_lure", Severity: "medium"}}})
		outs = append(outs, Outcome{Path: fmt.Sprint("h", i), Label: Ham, Split: Dev})
	}
	fit := DefaultCalibration.Fit(outs, Prior())
	if fit.Spam != 100 {
		t.Fatalf("spam samples %d", fit.Spam)
	}
	if prize, short := fit.Scores["content.prize_lure"]["medium"], fit.Scores["url.shortener"]["medium"]; prize >= short {
		t.Errorf("content.prize_lure@medium %g, want below url.shortener@medium %g: it fires on spam as often", prize, short)
	}
	if fit.Phishing <= fit.Scores["content.prize_lure"]["medium"] {
		t.Errorf("threshold %g calls every spam phishing (prize_lure %g)", fit.Phishing, fit.Scores["content.prize_lure"]["medium"])
	}
}

// TestFitLearnsAnInteraction: a lure and a sender mismatch each appear
// in ham as often as in phishing, but together only in phishing; the fit
// gives the combination that reads them together (combo.
// lure_from_stranger) more than its prior, and Rescore adds it.
func TestFitLearnsAnInteraction(t *testing.T) {
	lure := Hit{ID: "content.lure_action", Severity: "medium"}
	stranger := Hit{ID: "sender.reply_to_mismatch", Severity: "medium"}
	var outs []Outcome
	for i := range 100 {
		outs = append(outs, Outcome{Path: fmt.Sprint("p", i), Label: Phishing, Split: Dev, Findings: []Hit{lure, stranger}})
	}
	for i := range 200 {
		h := []Hit{lure}
		if i%2 == 1 {
			h = []Hit{stranger}
		}
		outs = append(outs, Outcome{Path: fmt.Sprint("h", i), Label: Ham, Split: Dev, Findings: h})
	}
	prior := Prior()
	fit := DefaultCalibration.Fit(outs, prior)
	id := "combo.lure_from_stranger"
	if got, was := fit.Scores[id][ComboSeverity], prior[id][ComboSeverity]; got <= was {
		t.Errorf("%s = %g, want above its prior %g", id, got, was)
	}
	both := Rescore(outs[0], fit.Scores)
	if want := fit.Scores["content.lure_action"]["medium"] + fit.Scores["sender.reply_to_mismatch"]["medium"] + fit.Scores[id][ComboSeverity]; both != want {
		t.Errorf("Rescore = %g, want the findings and the combination, %g", both, want)
	}
	if Rescore(outs[100], fit.Scores) >= fit.Phishing || both < fit.Phishing {
		t.Errorf("thresholds %g: a lure alone %g, lure with stranger %g", fit.Phishing, Rescore(outs[100], fit.Scores), both)
	}
}

// TestRescoreCountsSupportingFindingsBesideOtherEvidence: a supporting
// finding adds nothing alone and its score beside a medium finding.
func TestRescoreCountsSupportingFindingsBesideOtherEvidence(t *testing.T) {
	scores := Prior()
	alone := Outcome{Findings: []Hit{{ID: "mail.forged_mailer", Severity: "low"}}}
	if got := Rescore(alone, scores); got != 0 {
		t.Errorf("alone: %g", got)
	}
	beside := Outcome{Findings: []Hit{{ID: "mail.forged_mailer", Severity: "low"}, {ID: "url.shortener", Severity: "medium"}}}
	if got, want := Rescore(beside, scores), scores["mail.forged_mailer"]["low"]+scores["url.shortener"]["medium"]; got != want {
		t.Errorf("beside: %g, want %g", got, want)
	}
}

// TestThresholdsIgnoreUnsignedNegatives: a ham without a sign of
// phishing is never called phishing (check.Verdict), so however high it
// scores it does not hold the phishing threshold up; it does count for
// the suspicious one.
func TestThresholdsIgnoreUnsignedNegatives(t *testing.T) {
	outs := synthetic()
	unsigned := []Hit{{ID: "url.shortener", Severity: "medium"}, {ID: "sender.header_mismatch", Severity: "high"}, {ID: "auth.dmarc_fail", Severity: "high"}}
	for i := range 3 {
		outs = append(outs, Outcome{Path: fmt.Sprint("u", i), Label: Ham, Split: Dev, Findings: unsigned})
	}
	scores := Prior()
	_, phish := DefaultCalibration.thresholds(outs, scores)
	if s := Rescore(outs[len(outs)-1], scores); phish > s {
		t.Errorf("phishing threshold %g above the unsigned ham's %g: it should not count", phish, s)
	}
}
