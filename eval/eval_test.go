package eval

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mekiki/mekiki"
)

func TestParseManifestForms(t *testing.T) {
	corpus := "path\tlabel\tlanguage\tsource\nphish/a.eml\tphishing\tja\tx\nham/b.eml\tham\ten\ty\n"
	items, err := parseManifest(strings.NewReader(corpus), "/c")
	if err != nil || len(items) != 2 || items[0].File != "/c/phish/a.eml" || items[0].Lang != "ja" || items[1].Label != Ham {
		t.Fatalf("corpus form: %+v %v", items, err)
	}
	plain := "# comment\nphishing\tx.eml\n\nspam\t/abs/y.eml\n"
	items, err = parseManifest(strings.NewReader(plain), "/d")
	if err != nil || len(items) != 2 || items[0].File != "/d/x.eml" || items[1].File != "/abs/y.eml" || items[1].Label != Spam {
		t.Fatalf("plain form: %+v %v", items, err)
	}
	for _, bad := range []string{"phish\tx.eml\n", "phishing x.eml\n", "", "# only a comment\n"} {
		if _, err := parseManifest(strings.NewReader(bad), "."); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestSplitIsStableAndHalves(t *testing.T) {
	first, again := SplitOf([]byte("a message")), SplitOf([]byte("a message"))
	if first != again || first != Test && first != Dev {
		t.Fatalf("split %q then %q", first, again)
	}
	test := 0
	for i := range 2000 {
		if SplitOf(fmt.Appendf(nil, "Subject: %d\n\nbody", i)) == Test {
			test++
		}
	}
	if test < 900 || test > 1100 {
		t.Errorf("%d of 2000 in test, want about half", test)
	}
}

// TestConfusionByHand: ten outcomes whose figures were worked out on
// paper.
func TestConfusionByHand(t *testing.T) {
	o := func(label, verdict, lang string, ids ...string) Outcome {
		var hs []Hit
		for _, id := range ids {
			hs = append(hs, Hit{ID: id, Severity: "high", Score: 1})
		}
		return Outcome{Path: label + verdict, Label: label, Verdict: verdict, Lang: lang, Findings: hs}
	}
	outs := []Outcome{
		o(Phishing, "phishing", "ja", "a"), o(Phishing, "phishing", "ja", "a", "b"), o(Phishing, "suspicious", "en", "b"),
		o(Phishing, "clean", "en"),
		o(Ham, "clean", "en"), o(Ham, "clean", "en"), o(Ham, "clean", "ja"), o(Ham, "suspicious", "en", "b"),
		o(Spam, "phishing", "en", "a"), o(Spam, "clean", "en"),
		{Path: "broken", Label: Ham, Err: "unreadable"},
	}
	s := Summarize(All, outs)
	if s.Messages != 11 || s.Errors != 1 {
		t.Fatalf("messages %d errors %d", s.Messages, s.Errors)
	}
	// Verdict "phishing": TP 2, FN 2, FP 0, TN 4.
	want := []struct {
		c                  Confusion
		p, r, f1, fpr, spm float64
	}{
		{Confusion{TP: 2, FN: 2, FP: 0, TN: 4}, 1, 0.5, 2.0 / 3, 0, 0.5},
		{Confusion{TP: 3, FN: 1, FP: 1, TN: 3}, 0.75, 0.75, 0.75, 0.25, 0.5},
	}
	for i, w := range want {
		r := s.Rules[i]
		if r.Confusion != w.c || !near(r.Precision, w.p) || !near(r.Recall, w.r) || !near(r.F1, w.f1) || !near(r.FPR, w.fpr) || !near(r.SpamFlagged, w.spm) {
			t.Errorf("rule %s: %+v, want %+v", r.Name, r, w)
		}
	}
	if ja := s.ByLang["ja"][0].Confusion; ja != (Confusion{TP: 2, TN: 1}) {
		t.Errorf("ja phishing rule %+v", ja)
	}
	stats := map[string]FindingStat{}
	for _, f := range s.Findings {
		stats[string(f.ID)] = f
	}
	// "b" fires on 2 phishing and 1 ham: precision 2/3, phishing rate 2/4.
	if b := stats["b"]; b.Hits[Phishing] != 2 || b.Hits[Ham] != 1 || !near(b.Precision, 2.0/3) || !near(b.Rate[Phishing], 0.5) {
		t.Errorf("finding b: %+v", b)
	}
	if len(s.Missed) != 1 || s.Missed[0].Path != "phishingclean" || len(s.FalseAlarms) != 1 {
		t.Errorf("missed %+v false alarms %+v", s.Missed, s.FalseAlarms)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestAnalyzeTeamFixtures runs the whole path on a plain manifest of the
// team's fixtures, whose verdicts the golden tests pin down.
func TestAnalyzeTeamFixtures(t *testing.T) {
	dir := t.TempDir()
	abs, _ := filepath.Abs("../testdata")
	manifest := fmt.Sprintf("phishing\t%[1]s/phish-iso2022jp-amazon.eml\nphishing\t%[1]s/link-lookalike-microsoft.eml\n"+
		"ham\t%[1]s/legit-amazon-order.eml\nham\t%[1]s/legit-bank-never-ask.eml\nham\t%[1]s/missing.eml\n", abs)
	path := filepath.Join(dir, "m.tsv")
	os.WriteFile(path, []byte(manifest), 0o644)
	items, err := ReadManifest(path)
	if err != nil {
		t.Fatal(err)
	}
	items = append(items, HardNegatives()...)
	a, _ := mekiki.New(mekiki.Options{})
	s := Summarize(All, Analyze(context.Background(), a, items, All))
	if s.Errors != 1 {
		t.Errorf("errors %d, want 1 (the missing file)", s.Errors)
	}
	wantHam := 2 + len(HardNegatives())
	if c := s.Rules[0].Confusion; c != (Confusion{TP: 2, TN: wantHam}) {
		t.Errorf("confusion %+v, want TP 2 TN %d", c, wantHam)
	}
	if len(HardNegatives()) < 8 {
		t.Errorf("%d hard negatives embedded", len(HardNegatives()))
	}
	// Hard negatives are in every split.
	if n := len(Analyze(context.Background(), a, HardNegatives(), Test)); n != len(HardNegatives()) {
		t.Errorf("%d hard negatives in the test split", n)
	}
}
