package finding

// Hit is one finding a message raised, as Read sees it.
type Hit struct {
	ID       ID
	Severity Severity
}

// Fired is a combination that holds for a message, with the findings
// that made it hold: for each group, the first of its findings (in the
// group's declared order) the message raised.
type Fired struct {
	ID       ComboID
	Findings []ID
}

// Evidence is how a message's findings add up, apart from the scores
// themselves: which combinations hold and whether the supporting
// findings count. The checks' driver and the calibration both read it,
// so the score a report shows and the score the fit optimises are the
// same sum.
type Evidence struct {
	Combos []Fired
	// Supported is true when some finding that is not supporting was
	// raised at medium or high: then supporting findings count.
	Supported bool
	// Signed is true when some finding is a sign of phishing or fraud at
	// the severity it was raised (Def.SignFrom): the mail claims an
	// identity that is not the sender's, asks the reader to act, or
	// disguises a link or a file. Without a sign the verdict stops at
	// suspicious: junk mail from a badly configured sender is not
	// phishing.
	Signed bool
	// StrongSign is true when a sign was raised at high: one strong
	// sign is reason enough for caution, so the verdict is at least
	// suspicious whatever the score.
	StrongSign bool
}

// Counts reports whether a finding adds its score under e.
func (e Evidence) Counts(id ID) bool {
	d, ok := byID[id]
	return !ok || !d.Supporting || e.Supported
}

// Read works out the evidence of hits. It is linear in the number of
// hits times the size of the combination table.
func Read(hits []Hit) Evidence {
	var e Evidence
	raised := make(map[ID]bool, len(hits))
	for _, h := range hits {
		if h.Severity == Info {
			continue
		}
		raised[h.ID] = true
		d, ok := byID[h.ID]
		if ok && !d.Supporting && (h.Severity == High || h.Severity == Medium) {
			e.Supported = true
		}
		if ok && d.IsSign(h.Severity) {
			e.Signed = true
			e.StrongSign = e.StrongSign || h.Severity == High
		}
	}
	for i := range combinations {
		c := &combinations[i]
		var why []ID
		for _, g := range c.Groups {
			for _, id := range g {
				if raised[id] {
					why = append(why, id)
					break
				}
			}
		}
		if len(why) == len(c.Groups) {
			e.Combos = append(e.Combos, Fired{ID: c.ID, Findings: why})
		}
	}
	return e
}
