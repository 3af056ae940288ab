package mekiki

import (
	"github.com/mekiki/mekiki/advice"
	"github.com/mekiki/mekiki/check"
)

// maxAdviceText bounds the text the advice reads for what the mail asks
// (card details, a code, a payment): a lure says it early.
const maxAdviceText = 16 << 10

// advise writes the report's answer for its reader: the summary
// sentence and the steps to take (package advice).
func (a *Analyzer) advise(rep *Report, in *check.Input) (summaryJA, summaryEN string, steps []advice.Step) {
	text := in.Shown.Text
	if len(text) > maxAdviceText {
		text = text[:maxAdviceText]
	}
	orgs, _ := ownOrgs(in.Msg, a.kb, nil)
	m := advice.Mail{Verdict: rep.Verdict, Findings: rep.Findings, Text: in.Shown.Subject + "\n" + text, Company: len(orgs) > 0}
	if len(rep.Brands) > 0 {
		m.Brand = a.kb.Brand(rep.Brands[0])
	}
	var asks []advice.Ask
	if rep.Verdict != "clean" {
		// What the mail asked for changes only the advice and summary
		// of a flagged mail.
		asks = advice.Asked(a.kb, m)
	}
	summaryJA, summaryEN = advice.Summary(m, asks, rep.Capped)
	steps = advice.Steps(a.kb, m, asks)
	if steps == nil {
		steps = []advice.Step{}
	}
	return summaryJA, summaryEN, steps
}
