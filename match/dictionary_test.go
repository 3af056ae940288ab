package match

import (
	"fmt"
	"testing"
)

// TestLargeDictionary: a dictionary of more than 65,536 states (the wide
// table) finds what the narrow one would.
func TestLargeDictionary(t *testing.T) {
	var terms []Term
	for i := 0; i < 30000; i++ {
		terms = append(terms, Term{Text: fmt.Sprintf("w%06dx", i*7919%1000000), Value: i})
	}
	d := NewDictionary(terms)
	if d.delta32 == nil {
		t.Fatalf("%d terms gave the narrow table", len(terms))
	}
	for _, i := range []int{0, 1, 12345, 29999} {
		text := "before " + terms[i].Text + " after"
		hits := d.Find(text, "")
		if len(hits) != 1 || hits[0].Term.Value != i || hits[0].Start != 7 {
			t.Errorf("term %d: hits %+v", i, hits)
		}
	}
}
