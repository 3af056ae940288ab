package scan

import (
	"strings"
	"testing"
)

// TestTextNamesBrands: the text summary names brands as readers know
// them, in the reader's language, not by their ids.
func TestTextNamesBrands(t *testing.T) {
	s := &Summary{Verdicts: map[string]int{}, Findings: tally{}, Brands: tally{"amazon": 2}, Domains: tally{}, Networks: tally{}}
	var ja, en strings.Builder
	s.WriteTextIn(&ja, "ja")
	s.WriteTextIn(&en, "en")
	if !strings.Contains(ja.String(), "Amazon（アマゾン）") || strings.Contains(ja.String(), " amazon\n") || !strings.Contains(en.String(), "  Amazon\n") {
		t.Errorf("ja:\n%s\nen:\n%s", ja.String(), en.String())
	}
}
