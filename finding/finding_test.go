package finding

import (
	"strings"
	"testing"
)

// TestDeclarations: every declaration is complete, its id is in its
// family, and every kind it names has names for the reader.
func TestDeclarations(t *testing.T) {
	if len(All()) == 0 {
		t.Fatal("no findings declared")
	}
	for _, d := range All() {
		if !strings.HasPrefix(string(d.ID), d.Family+".") {
			t.Errorf("%s: family %q", d.ID, d.Family)
		}
		if len(d.SeverityList()) == 0 || d.TitleJA == "" || d.TitleEN == "" || d.DocJA == "" || d.DocEN == "" {
			t.Errorf("%s: incomplete declaration", d.ID)
		}
		if got, ok := Lookup(d.ID); !ok || got != d {
			t.Errorf("%s: Lookup finds another", d.ID)
		}
		for _, k := range d.Kinds {
			if k.NameJA() == "" || k.NameEN() == "" {
				t.Errorf("%s: kind %q has no name", d.ID, k)
			}
		}
	}
	for _, k := range Kinds {
		if k.NameJA() == "" || k.NameEN() == "" {
			t.Errorf("kind %q has no name", k)
		}
	}
	if _, ok := Lookup("sender.no_such_finding"); ok {
		t.Error("Lookup found an undeclared id")
	}
}

// TestUnfittedInJapanese: every reason a finding is not fitted has its
// Japanese, for `mekiki checks`.
func TestUnfittedInJapanese(t *testing.T) {
	for _, d := range All() {
		if d.Unfitted != "" && unfittedJA[d.Unfitted] == "" {
			t.Errorf("%s: no Japanese for %q", d.ID, d.Unfitted)
		}
	}
}
