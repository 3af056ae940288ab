package mekiki_test

import (
	"context"
	"math"
	"os"
	"testing"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/finding"
)

// TestScoreIsFindingsAndCombinations: the report's score is the sum of
// the findings' and the combinations' scores, each combination names a
// raised finding per group, and a supporting finding without other
// evidence shows score 0.
func TestScoreIsFindingsAndCombinations(t *testing.T) {
	a, err := mekiki.New(mekiki.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"phish-shape-tells.eml", "legit-newsletter-links.eml", "phish-iso2022jp-amazon.eml"} {
		f, err := os.Open("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := a.Analyze(context.Background(), f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		sum, raised, supported := 0.0, map[finding.ID]bool{}, false
		for _, fd := range rep.Findings {
			sum += fd.Score
			raised[fd.ID] = true
			if d, _ := finding.Lookup(fd.ID); !d.Supporting && (fd.Severity == "medium" || fd.Severity == "high") {
				supported = true
			}
		}
		for _, c := range rep.Combos {
			sum += c.Score
			for _, id := range c.Findings {
				if !raised[id] {
					t.Errorf("%s: %s names %s, which was not raised", name, c.ID, id)
				}
			}
		}
		if math.Abs(sum-rep.Score) > 0.01 {
			t.Errorf("%s: score %g, findings and combinations sum to %g", name, rep.Score, sum)
		}
		for _, fd := range rep.Findings {
			if d, _ := finding.Lookup(fd.ID); d.Supporting && !supported && fd.Score != 0 {
				t.Errorf("%s: supporting %s scored %g without other evidence", name, fd.ID, fd.Score)
			}
		}
		if name == "phish-shape-tells.eml" && len(rep.Combos) == 0 {
			t.Errorf("%s: no combination holds", name)
		}
	}
}
