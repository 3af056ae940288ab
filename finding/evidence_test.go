package finding

import "testing"

// TestCombinationsHoldOnlyTogether: each combination holds when one
// finding of every group was raised above information, and not when a
// group is missing or only informational.
func TestCombinationsHoldOnlyTogether(t *testing.T) {
	for _, c := range Combinations() {
		var all []Hit
		for _, g := range c.Groups {
			all = append(all, Hit{ID: g[len(g)-1], Severity: Low})
		}
		if !holds(Read(all), c.ID) {
			t.Errorf("%s: does not hold on %v", c.ID, all)
		}
		for i := range c.Groups {
			less := append(append([]Hit{}, all[:i]...), all[i+1:]...)
			if holds(Read(less), c.ID) {
				t.Errorf("%s: holds without group %d", c.ID, i)
			}
			info := append([]Hit{}, all...)
			info[i].Severity = Info
			if holds(Read(info), c.ID) && !inOtherGroup(c, i, info[i].ID) {
				t.Errorf("%s: holds with group %d only informational", c.ID, i)
			}
		}
	}
	if e := Read(nil); len(e.Combos) != 0 || e.Supported {
		t.Errorf("no findings: %+v", e)
	}
}

func holds(e Evidence, id ComboID) bool {
	for _, f := range e.Combos {
		if f.ID == id {
			return true
		}
	}
	return false
}

// inOtherGroup reports whether finding f of group i also belongs to
// another group of c (then that group can still be met by f).
func inOtherGroup(c *Combination, i int, f ID) bool {
	for j, g := range c.Groups {
		if j == i {
			continue
		}
		for _, id := range g {
			if id == f {
				return true
			}
		}
	}
	return false
}

// TestSupportingFindingsNeedOtherEvidence: a supporting finding counts
// beside a medium or high finding that is not supporting, not alone or
// beside low ones.
func TestSupportingFindingsNeedOtherEvidence(t *testing.T) {
	alone := []Hit{{MailHTMLOnly, Low}, {MailRawSubject, Low}, {SenderHeaderMismatch, Low}}
	if e := Read(alone); e.Counts(MailHTMLOnly) || !e.Counts(SenderHeaderMismatch) {
		t.Errorf("beside low evidence: %+v", e)
	}
	beside := append(alone, Hit{URLIPLiteral, Medium})
	if e := Read(beside); !e.Counts(MailHTMLOnly) || !e.Counts(MailRawSubject) {
		t.Errorf("beside medium evidence: %+v", e)
	}
	for _, d := range All() {
		if d.Supporting && d.Prior.High+d.Prior.Medium > 0 {
			t.Errorf("%s: supporting findings are low", d.ID)
		}
	}
}

// TestSigns: a lure, an impersonation or a disguised link is a sign of
// phishing; sender and authentication mismatches, shorteners and
// message-shape tells are not, and an IP link is one only at high.
func TestSigns(t *testing.T) {
	signed := [][]Hit{{{ContentLureAction, Low}}, {{SenderBrandMismatch, Low}}, {{URLAnchorMismatch, Medium}}, {{URLIPLiteral, High}}, {{AttachmentMacroDocument, Low}}}
	for _, hs := range signed {
		if !Read(hs).Signed {
			t.Errorf("%v: not a sign", hs)
		}
	}
	unsigned := [][]Hit{{{SenderHeaderMismatch, High}, {AuthDMARCFail, High}, {URLShortener, Medium}}, {{URLIPLiteral, Medium}},
		{{URLAnchorMismatch, Low}}, {{MailForgedMailer, Low}, {MailUndisclosedRecipients, Low}}, {{ContentUrgency, Info}}}
	for _, hs := range unsigned {
		if Read(hs).Signed {
			t.Errorf("%v: a sign", hs)
		}
	}
}
