package eval

import (
	"sort"
)

// Confusion counts one decision rule: positives are phishing messages,
// negatives are legitimate (ham) ones. Spam is neither and is counted
// apart (Summary.SpamFlagged): flagging spam is no false alarm, missing
// it no miss.
type Confusion struct {
	TP int `json:"tp"` // phishing, caught
	FN int `json:"fn"` // phishing, missed
	FP int `json:"fp"` // ham, flagged
	TN int `json:"tn"` // ham, passed
}

// Precision is TP / (TP + FP), 0 when nothing was flagged.
func (c Confusion) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP / (TP + FN), the share of phishing caught.
func (c Confusion) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// FPR is FP / (FP + TN), the share of ham flagged.
func (c Confusion) FPR() float64 { return ratio(c.FP, c.FP+c.TN) }

// F1 is the harmonic mean of precision and recall.
func (c Confusion) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Rule is one way of reading a verdict as a decision.
type Rule struct {
	Name      string    `json:"rule"` // "phishing" or "phishing_or_suspicious"
	Confusion Confusion `json:"confusion"`
	Precision float64   `json:"precision"`
	Recall    float64   `json:"recall"`
	F1        float64   `json:"f1"`
	FPR       float64   `json:"false_positive_rate"`
	// SpamFlagged is the share of spam this rule flags.
	SpamFlagged float64 `json:"spam_flagged"`
}

// FindingStat is how often one finding id fires per label, and how
// often a message it fires on is phishing rather than ham.
type FindingStat struct {
	ID        string             `json:"id"`
	Hits      map[string]int     `json:"hits"`
	Rate      map[string]float64 `json:"rate"`
	Precision float64            `json:"precision"`
}

// Miss is a misclassified message with its strongest findings.
type Miss struct {
	Path    string  `json:"path"`
	Label   string  `json:"label"`
	Kind    string  `json:"kind,omitempty"`
	Verdict string  `json:"verdict"`
	Score   float64 `json:"score"`
	Top     []Hit   `json:"top_findings"`
}

// Judged counts the verdicts given to a group of messages.
type Judged struct {
	Messages   int `json:"messages"`
	Phishing   int `json:"phishing"`   // judged phishing
	Suspicious int `json:"suspicious"` // judged suspicious
	Clean      int `json:"clean"`      // judged clean
}

func (j *Judged) add(verdict string) {
	j.Messages++
	switch verdict {
	case "phishing":
		j.Phishing++
	case "suspicious":
		j.Suspicious++
	case "clean":
		j.Clean++
	}
}

// KindStat is how the phishing messages of one kind (the manifest's kind
// column: credential, crypto, advance_fee…) were judged: the recall of
// the two decision rules, overall and per language.
type KindStat struct {
	Judged
	Recall             float64             `json:"recall"`               // share judged phishing
	RecallOrSuspicious float64             `json:"recall_or_suspicious"` // share judged phishing or suspicious
	ByLang             map[string]KindStat `json:"by_language,omitempty"`
}

func kindStat(j Judged) KindStat {
	return KindStat{Judged: j, Recall: ratio(j.Phishing, j.Messages), RecallOrSuspicious: ratio(j.Phishing+j.Suspicious, j.Messages)}
}

// SpamKindStat is how the spam messages of one kind (marketing, spam,
// unclear) were judged: the share called phishing is the spam rate of
// the verdict phishing, as Rule.SpamFlagged.
type SpamKindStat struct {
	Judged
	PhishingRate float64 `json:"phishing_rate"` // share judged phishing
	FlaggedRate  float64 `json:"flagged_rate"`  // share judged phishing or suspicious
}

// Summary is the evaluation of one split.
type Summary struct {
	Split    string                    `json:"split"`
	Messages int                       `json:"messages"`
	Errors   int                       `json:"errors"`
	Labels   map[string]int            `json:"labels"`
	Verdicts map[string]map[string]int `json:"verdicts"` // label → verdict → count
	Rules    []Rule                    `json:"rules"`
	ByLang   map[string][]Rule         `json:"by_language"`
	// ByKind is, per kind of phishing message ("unknown" when the
	// manifest has no kind column), how many were caught; SpamByKind
	// is, per kind of spam, how many were called phishing.
	ByKind     map[string]KindStat     `json:"by_kind"`
	SpamByKind map[string]SpamKindStat `json:"spam_by_kind"`
	Findings   []FindingStat           `json:"findings"`
	// Missed are phishing messages judged clean; FalseAlarms are ham
	// messages judged suspicious or phishing.
	Missed      []Miss `json:"missed"`
	FalseAlarms []Miss `json:"false_alarms"`
}

// Summarize computes the figures of a set of outcomes.
func Summarize(split string, outs []Outcome) Summary {
	s := Summary{Split: split, Labels: map[string]int{}, Verdicts: map[string]map[string]int{}, ByLang: map[string][]Rule{},
		ByKind: map[string]KindStat{}, SpamByKind: map[string]SpamKindStat{}, Missed: []Miss{}, FalseAlarms: []Miss{}}
	var ok []Outcome
	for _, o := range outs {
		s.Messages++
		if o.Err != "" {
			s.Errors++
			continue
		}
		ok = append(ok, o)
		s.Labels[o.Label]++
		if s.Verdicts[o.Label] == nil {
			s.Verdicts[o.Label] = map[string]int{}
		}
		s.Verdicts[o.Label][o.Verdict]++
		switch {
		case o.Label == Phishing && o.Verdict == "clean":
			s.Missed = append(s.Missed, miss(o))
		case o.Label == Ham && o.Verdict != "clean":
			s.FalseAlarms = append(s.FalseAlarms, miss(o))
		}
	}
	s.Rules = rules(ok)
	langs := map[string][]Outcome{}
	for _, o := range ok {
		l := orUnknown(o.Lang)
		langs[l] = append(langs[l], o)
	}
	for l, os := range langs {
		s.ByLang[l] = rules(os)
	}
	s.ByKind, s.SpamByKind = kindStats(ok)
	s.Findings = findingStats(ok, s.Labels)
	return s
}

// kindStats counts the verdicts per kind of phishing (and per language
// within each kind) and per kind of spam.
func kindStats(outs []Outcome) (map[string]KindStat, map[string]SpamKindStat) {
	phish := map[string]*Judged{}
	phishLang := map[string]map[string]*Judged{}
	spam := map[string]*Judged{}
	for _, o := range outs {
		k := orUnknown(o.Kind)
		switch o.Label {
		case Phishing:
			if phish[k] == nil {
				phish[k], phishLang[k] = &Judged{}, map[string]*Judged{}
			}
			phish[k].add(o.Verdict)
			l := orUnknown(o.Lang)
			if phishLang[k][l] == nil {
				phishLang[k][l] = &Judged{}
			}
			phishLang[k][l].add(o.Verdict)
		case Spam:
			if spam[k] == nil {
				spam[k] = &Judged{}
			}
			spam[k].add(o.Verdict)
		}
	}
	byKind := map[string]KindStat{}
	for k, j := range phish {
		st := kindStat(*j)
		st.ByLang = map[string]KindStat{}
		for l, jl := range phishLang[k] {
			st.ByLang[l] = kindStat(*jl)
		}
		byKind[k] = st
	}
	spamByKind := map[string]SpamKindStat{}
	for k, j := range spam {
		spamByKind[k] = SpamKindStat{Judged: *j, PhishingRate: ratio(j.Phishing, j.Messages), FlaggedRate: ratio(j.Phishing+j.Suspicious, j.Messages)}
	}
	return byKind, spamByKind
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// rules applies the two decision rules.
func rules(outs []Outcome) []Rule {
	var out []Rule
	for _, r := range []struct {
		name string
		flag func(string) bool
	}{
		{"phishing", func(v string) bool { return v == "phishing" }},
		{"phishing_or_suspicious", func(v string) bool { return v == "phishing" || v == "suspicious" }},
	} {
		var c Confusion
		spam, spamFlagged := 0, 0
		for _, o := range outs {
			flagged := r.flag(o.Verdict)
			switch o.Label {
			case Phishing:
				if flagged {
					c.TP++
				} else {
					c.FN++
				}
			case Ham:
				if flagged {
					c.FP++
				} else {
					c.TN++
				}
			case Spam:
				spam++
				if flagged {
					spamFlagged++
				}
			}
		}
		out = append(out, Rule{Name: r.name, Confusion: c, Precision: c.Precision(), Recall: c.Recall(), F1: c.F1(),
			FPR: c.FPR(), SpamFlagged: ratio(spamFlagged, spam)})
	}
	return out
}

// findingStats counts each finding id once per message.
func findingStats(outs []Outcome, labels map[string]int) []FindingStat {
	byID := map[string]*FindingStat{}
	for _, o := range outs {
		seen := map[string]bool{}
		for _, h := range o.Findings {
			if seen[h.ID] {
				continue
			}
			seen[h.ID] = true
			st := byID[h.ID]
			if st == nil {
				st = &FindingStat{ID: h.ID, Hits: map[string]int{}, Rate: map[string]float64{}}
				byID[h.ID] = st
			}
			st.Hits[o.Label]++
		}
	}
	var out []FindingStat
	for _, st := range byID {
		for l, n := range st.Hits {
			st.Rate[l] = ratio(n, labels[l])
		}
		st.Precision = ratio(st.Hits[Phishing], st.Hits[Phishing]+st.Hits[Ham])
		out = append(out, *st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// miss keeps the three highest-scoring findings.
func miss(o Outcome) Miss {
	top := append([]Hit(nil), o.Findings...)
	sort.SliceStable(top, func(i, j int) bool { return top[i].Score > top[j].Score })
	if len(top) > 3 {
		top = top[:3]
	}
	if top == nil {
		top = []Hit{}
	}
	return Miss{Path: o.Path, Label: o.Label, Kind: o.Kind, Verdict: o.Verdict, Score: o.Score, Top: top}
}
