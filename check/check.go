// Package check holds mekiki's checks. A Check is a value with an id, a
// doc and a Run function that reads a prepared message and the knowledge
// base and returns findings; it never parses, does I/O or renders. The
// driver (Run) scores each finding from the knowledge base.
package check

import (
	"sort"

	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/kb"
)

// Severity levels of a finding.
const (
	Info   = "info"
	Low    = "low"
	Medium = "medium"
	High   = "high"
)

// Finding is one concrete piece of evidence, in the report contract's shape.
type Finding struct {
	ID       finding.ID     `json:"id"`
	Severity string         `json:"severity"`
	Score    float64        `json:"score"`
	TitleJA  string         `json:"title_ja"`
	TitleEN  string         `json:"title_en"`
	DetailJA string         `json:"detail_ja"`
	DetailEN string         `json:"detail_en"`
	Evidence map[string]any `json:"evidence"`
}

// Check inspects one message and reports what it finds.
type Check struct {
	ID       string       // family, e.g. "sender"
	Doc      string       // what it looks for, shown by `mekiki checks --lang en`
	DocJA    string       // the same in Japanese, shown by `mekiki checks`
	Findings []finding.ID // what it can raise, declared in package finding
	Run      func(*Input) []Finding
}

// All is every check, in report order.
var All []*Check

func init() {
	All = []*Check{senderCheck, authCheck, originCheck, onlineCheck, linkCheck, contentCheck, attachmentCheck, spamCheck, limitCheck, structureCheck, shapeCheck, greetingCheck}
}

// newFinding starts a finding with its titles filled from its
// declaration; the sentences are tidied (sentenceJA, sentenceEN).
func newFinding(id finding.ID, severity, detailJA, detailEN string, evidence map[string]any) Finding {
	d := finding.MustLookup(id)
	return Finding{ID: id, Severity: severity, TitleJA: d.TitleJA, TitleEN: d.TitleEN,
		DetailJA: sentenceJA(detailJA), DetailEN: sentenceEN(detailEN), Evidence: evidence}
}

// Run runs every check on in, scores the findings from the knowledge base
// and returns them highest score first (ties in check order).
func Run(in *Input) []Finding {
	var out []Finding
	for _, c := range All {
		if in.Done() {
			break
		}
		if in.Light && (c == contentCheck || c == attachmentCheck) {
			continue
		}
		for _, f := range c.Run(in) {
			f.Score = in.KB.Score(f.ID, f.Severity)
			out = append(out, f)
		}
	}
	ev := finding.Read(hitsOf(out))
	for i := range out {
		if !ev.Counts(out[i].ID) {
			out[i].Score = 0
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}

// Combo is a combination of evidence that holds for a message (package
// finding), in the report contract's shape: its score is added to the
// findings' own.
type Combo struct {
	ID       finding.ComboID `json:"id"`
	Score    float64         `json:"score"`
	TitleJA  string          `json:"title_ja"`
	TitleEN  string          `json:"title_en"`
	Findings []finding.ID    `json:"findings"`
}

// Combine returns the combinations that hold for the findings, scored
// from k, the message's total score (the findings' scores and the
// combinations' summed) and how the findings add up, for VerdictOf.
func Combine(k *kb.KB, findings []Finding) ([]Combo, float64, finding.Evidence) {
	total := 0.0
	for _, f := range findings {
		total += f.Score
	}
	ev := finding.Read(hitsOf(findings))
	var out []Combo
	for _, c := range ev.Combos {
		d, _ := finding.LookupCombination(c.ID)
		cb := Combo{ID: c.ID, Score: k.ComboScore(c.ID), TitleJA: d.TitleJA, TitleEN: d.TitleEN, Findings: c.Findings}
		total += cb.Score
		out = append(out, cb)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out, total, ev
}

func hitsOf(findings []Finding) []finding.Hit {
	hits := make([]finding.Hit, len(findings))
	for i, f := range findings {
		hits[i] = finding.Hit{ID: f.ID, Severity: finding.Severity(f.Severity)}
	}
	return hits
}

// Verdict maps a total score to "phishing", "suspicious" or "clean": a
// message whose findings hold no sign of phishing (finding.Evidence.
// Signed) is at most suspicious, and one with a sign raised at high
// (finding.Evidence.StrongSign) at least suspicious.
func Verdict(k *kb.KB, score float64, findings []Finding) string {
	return VerdictOf(k, score, finding.Read(hitsOf(findings)))
}

// VerdictOf is Verdict for findings already read (Combine's Evidence).
func VerdictOf(k *kb.KB, score float64, ev finding.Evidence) string {
	switch {
	case score >= k.Thresholds.Phishing && ev.Signed:
		return "phishing"
	case score >= k.Thresholds.Suspicious || ev.StrongSign:
		return "suspicious"
	}
	return "clean"
}

// RunLinkChecks runs only the link checks, scored like Run: for judging a
// bare URL outside any message.
func RunLinkChecks(in *Input) []Finding {
	var out []Finding
	for _, f := range linkCheck.Run(in) {
		f.Score = in.KB.Score(f.ID, f.Severity)
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}
