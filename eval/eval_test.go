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

func TestParseManifestKind(t *testing.T) {
	withKind := "path\tlabel\tlanguage\tsource\tsha256\tnote\tkind\n" +
		"phish/a.eml\tphishing\ten\tx\t00\tn\tcrypto\n" +
		"spam/b.eml\tspam\tja\ty\t02\tn\tmarketing\n" +
		"ham/c.eml\tham\ten\ty\t04\tn\n" // a short row: no kind
	items, err := parseManifest(strings.NewReader(withKind), "/c")
	if err != nil || len(items) != 3 || items[0].Kind != "crypto" || items[1].Kind != "marketing" || items[1].Lang != "ja" || items[2].Kind != "" {
		t.Fatalf("manifest with kinds: %+v %v", items, err)
	}
	// An older manifest has no kind column: it loads, with no kinds,
	// and its note column is not taken for one.
	old := "path\tlabel\tlanguage\tsource\tsha256\tnote\nphish/a.eml\tphishing\tja\tx\t00\tbrand=amazon\n"
	items, err = parseManifest(strings.NewReader(old), "/c")
	if err != nil || len(items) != 1 || items[0].Kind != "" || items[0].Lang != "ja" || items[0].File != "/c/phish/a.eml" {
		t.Fatalf("old manifest: %+v %v", items, err)
	}
	items, err = parseManifest(strings.NewReader("phishing\tx.eml\tcrypto\n"), "/d")
	if err != nil || len(items) != 1 || items[0].Kind != "" {
		t.Fatalf("plain form: %+v %v", items, err)
	}
}

// TestKindsByHand: outcomes of a few kinds whose per-kind figures were
// worked out on paper.
func TestKindsByHand(t *testing.T) {
	o := func(label, kind, lang, verdict string) Outcome {
		return Outcome{Path: kind + lang + verdict, Label: label, Kind: kind, Lang: lang, Verdict: verdict}
	}
	outs := []Outcome{
		o(Phishing, "credential", "ja", "phishing"), o(Phishing, "credential", "ja", "phishing"),
		o(Phishing, "credential", "en", "suspicious"), o(Phishing, "credential", "en", "clean"),
		o(Phishing, "crypto", "other", "phishing"), o(Phishing, "crypto", "en", "clean"),
		o(Phishing, "", "en", "suspicious"),
		o(Spam, "marketing", "en", "phishing"), o(Spam, "marketing", "en", "suspicious"),
		o(Spam, "marketing", "en", "clean"), o(Spam, "marketing", "ja", "clean"), o(Spam, "spam", "en", "clean"),
		o(Ham, "ham", "en", "clean"),
		{Path: "broken", Label: Phishing, Kind: "crypto", Err: "unreadable"},
	}
	s := Summarize(All, outs)
	cred := s.ByKind["credential"]
	if cred.Judged != (Judged{Messages: 4, Phishing: 2, Suspicious: 1, Clean: 1}) || !near(cred.Recall, 0.5) || !near(cred.RecallOrSuspicious, 0.75) {
		t.Errorf("credential %+v", cred)
	}
	if ja, en := cred.ByLang["ja"], cred.ByLang["en"]; ja.Messages != 2 || !near(ja.Recall, 1) || en.Messages != 2 || !near(en.Recall, 0) || !near(en.RecallOrSuspicious, 0.5) {
		t.Errorf("credential by language %+v", cred.ByLang)
	}
	// The unreadable crypto message counts nowhere.
	crypto := s.ByKind["crypto"]
	if crypto.Messages != 2 || !near(crypto.Recall, 0.5) || crypto.ByLang["other"].Phishing != 1 || len(crypto.ByLang) != 2 {
		t.Errorf("crypto %+v", crypto)
	}
	if u := s.ByKind["unknown"]; u.Messages != 1 || !near(u.RecallOrSuspicious, 1) || !near(u.Recall, 0) {
		t.Errorf("phishing without a kind %+v", u)
	}
	if len(s.ByKind) != 3 {
		t.Errorf("kinds %v: spam and ham kinds do not belong here", s.ByKind)
	}
	m := s.SpamByKind["marketing"]
	if m.Judged != (Judged{Messages: 4, Phishing: 1, Suspicious: 1, Clean: 2}) || !near(m.PhishingRate, 0.25) || !near(m.FlaggedRate, 0.5) {
		t.Errorf("marketing %+v", m)
	}
	if len(s.SpamByKind) != 2 || s.SpamByKind["spam"].Messages != 1 {
		t.Errorf("spam kinds %+v", s.SpamByKind)
	}

	var b strings.Builder
	if err := WriteText(&b, s, 20); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, want := range []string{
		"\nby kind (",
		"\nkind               n   phish  p|susp      n   phish  p|susp      n   phish  p|susp      n   phish  p|susp\n",
		"\ncredential         4   50.0%   75.0%      2  100.0%  100.0%      2    0.0%   50.0%      -\n",
		"\ncrypto             2   50.0%   50.0%      -                      1    0.0%    0.0%      1  100.0%  100.0%\n",
		"\nunknown            1    0.0%  100.0%      -                      1    0.0%  100.0%      -\n",
		"\nall                7   42.9%   71.4%      2  100.0%  100.0%      4    0.0%   50.0%      1  100.0%  100.0%\n",
		"\nmarketing          4        1 ( 25.0%)        2 ( 50.0%)\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if strings.Index(text, "by language") > strings.Index(text, "by kind") || strings.Index(text, "\ncredential") > strings.Index(text, "\ncrypto") {
		t.Errorf("order of the tables or rows:\n%s", text)
	}

	// Without kinds (an old manifest), no per-kind table.
	for i := range outs {
		outs[i].Kind = ""
	}
	b.Reset()
	WriteText(&b, Summarize(All, outs), 20)
	if strings.Contains(b.String(), "by kind") {
		t.Errorf("per-kind table without kinds:\n%s", b.String())
	}
}

// TestAnalyzeKeepsKinds reads a manifest with kinds from a temp dir and
// checks that every outcome carries its kind and the per-kind counts add
// up to the outcomes' own verdicts.
func TestAnalyzeKeepsKinds(t *testing.T) {
	dir := t.TempDir()
	abs, _ := filepath.Abs("../testdata")
	rows := [][3]string{
		{"phish-iso2022jp-amazon.eml", "phishing", "credential"},
		{"link-lookalike-microsoft.eml", "phishing", "credential"},
		{"content-sextortion-ja.eml", "phishing", "extortion"},
		{"attach-iso-lnk.eml", "phishing", "malware"},
		{"legit-esp-newsletter.eml", "spam", "marketing"},
		{"legit-amazon-order.eml", "ham", "ham"},
	}
	manifest := "path\tlabel\tlanguage\tsha256\tnote\tkind\n"
	for _, r := range rows {
		manifest += fmt.Sprintf("%s/%s\t%s\ten\t00\t-\t%s\n", abs, r[0], r[1], r[2])
	}
	path := filepath.Join(dir, "MANIFEST.tsv")
	os.WriteFile(path, []byte(manifest), 0o644)
	items, err := ReadManifest(path)
	if err != nil || len(items) != len(rows) {
		t.Fatalf("%d items, %v", len(items), err)
	}
	a, _ := mekiki.New(mekiki.Options{})
	outs := Analyze(context.Background(), a, items, All)
	want := map[string]Judged{}
	for i, o := range outs {
		if o.Err != "" || o.Kind != rows[i][2] {
			t.Fatalf("outcome %d: %+v", i, o)
		}
		if o.Label == Phishing {
			j := want[o.Kind]
			j.add(o.Verdict)
			want[o.Kind] = j
		}
	}
	s := Summarize(All, outs)
	if len(s.ByKind) != 3 || s.ByKind["credential"].Messages != 2 || s.SpamByKind["marketing"].Messages != 1 {
		t.Errorf("by kind %+v spam %+v", s.ByKind, s.SpamByKind)
	}
	for k, j := range want {
		if got := s.ByKind[k]; got.Judged != j || got.ByLang["en"].Judged != j || !near(got.Recall, ratio(j.Phishing, j.Messages)) {
			t.Errorf("%s: %+v, want %+v", k, got, j)
		}
	}
}
