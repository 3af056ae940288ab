package match

import "testing"

// TestJISRow1Folding: the row-1 characters that Shift_JIS/ISO-2022-JP and
// CP932 decode differently match each other.
func TestJISRow1Folding(t *testing.T) {
	pairs := [][2]string{
		{"受付時間 9:00〜17:00", "受付時間 9:00～17:00"},
		{"−5,000円", "－5,000円"},
		{"お客様―重要", "お客様—重要"},
		{"A‖B", "A∥B"},
	}
	for _, p := range pairs {
		if a, b := Normalize(p[0]), Normalize(p[1]); a != b {
			t.Errorf("Normalize(%q) = %q, Normalize(%q) = %q", p[0], a, p[1], b)
		}
	}
	d := NewDictionary([]Term{{Text: Normalize("9:00～17:00"), Value: 1}})
	for _, in := range []string{"受付は9:00〜17:00です", "受付は9:00～17:00です"} {
		if got := d.Find(Normalize(in), NormalizeCase(in)); len(got) != 1 {
			t.Errorf("%q: found %v", in, got)
		}
	}
}
