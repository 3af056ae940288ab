package mekiki

import (
	"github.com/mekiki/mekiki/advice"
	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/mail"
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
	m := advice.Mail{Verdict: rep.Verdict, Findings: rep.Findings, Text: in.Shown.Subject + "\n" + text, Company: companyMail(in, a)}
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

// companyMail reports whether the recipient's address is a work or
// school one: its domain is neither a free or personal mailbox nor
// unknown.
func companyMail(in *check.Input, a *Analyzer) bool {
	for _, r := range recipientsOf(in.Msg) {
		if d := mail.AddrDomain(r); d != "" {
			return !a.kb.IsFreemail(d)
		}
	}
	return false
}

// recipientsOf lists the addresses the message was delivered to, the
// receiver's own record first.
func recipientsOf(m *mail.Message) []string {
	out := append([]string{}, m.DeliveredTo...)
	for _, t := range m.To {
		out = append(out, t.Address)
	}
	return out
}
