// Package finding declares, once, every finding mekiki can report: its
// id, family, the severities it comes in with the team's hand-set score
// for each (the prior that calibration pulls fitted scores towards),
// titles and documentation in Japanese and English, and the kinds of
// attack it speaks to. The checks raise findings by these typed ids; the
// knowledge base's fitted scores (kb/data/scoring.yaml), the calibration
// (eval) and `mekiki checks` read this declaration, and a test holds
// every declared finding to a score, a firing and a quiet test and an
// entry in the report contract.
package finding

import (
	"fmt"
)

// ID names a finding, "family.name" (e.g. "sender.brand_mismatch"); ids
// are the public contract and never change once shipped.
type ID string

// Severity grades one occurrence of a finding.
type Severity string

// The severities, strongest first.
const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
	Info   Severity = "info"
)

// Severities lists the severities strongest first.
var Severities = []Severity{High, Medium, Low, Info}

// Kind is a kind of phishing or fraud, as the corpus's kind column and
// its rubric (KINDS-RUBRIC.md) name them.
type Kind string

// The kinds of phishing and fraud.
const (
	KindCredential  Kind = "credential"
	KindPrizeSurvey Kind = "prize_survey"
	KindCrypto      Kind = "crypto"
	KindAdvanceFee  Kind = "advance_fee"
	KindCallback    Kind = "callback"
	KindMalware     Kind = "malware"
	KindOtherFraud  Kind = "other_fraud"
	KindExtortion   Kind = "extortion"
)

// Kinds lists every kind.
var Kinds = []Kind{KindCredential, KindPrizeSurvey, KindCrypto, KindAdvanceFee, KindCallback, KindMalware, KindOtherFraud, KindExtortion}

// NameJA and NameEN name the kind for a reader.
func (k Kind) NameJA() string { return kindNames[k][0] }

// NameEN names the kind in English.
func (k Kind) NameEN() string { return kindNames[k][1] }

var kindNames = map[Kind][2]string{
	KindCredential:  {"ID・パスワードやカード情報をだまし取るフィッシング", "credential phishing"},
	KindPrizeSurvey: {"当選・特典・アンケートを装う詐欺", "prize and survey scams"},
	KindCrypto:      {"暗号資産ウォレットを狙う詐欺", "crypto-wallet scams"},
	KindAdvanceFee:  {"前払い金詐欺（遺産・送金話）", "advance-fee fraud"},
	KindCallback:    {"電話をかけさせる詐欺", "call-back scams"},
	KindMalware:     {"マルウェアの配布", "malware delivery"},
	KindOtherFraud:  {"その他の詐欺", "other fraud"},
	KindExtortion:   {"脅迫（セクストーション）", "extortion"},
}

// Scores gives a score per severity. In a Prior, a severity with a
// score above 0 is one the finding comes in; info always scores 0 and is
// listed in infoSeverities.
type Scores struct {
	High, Medium, Low, Info float64
}

// Def declares one finding.
type Def struct {
	ID     ID
	Family string // the check that raises it: sender, auth, origin, url, content, attachment, spam, mail
	// TitleJA and TitleEN are the one-line titles reports show.
	TitleJA, TitleEN string
	// DocJA and DocEN say what the finding means, for `mekiki checks`
	// and the report contract.
	DocJA, DocEN string
	// Prior is the team's hand-set score per severity; the severities
	// listed (see SeverityList) are the only ones the finding comes in.
	Prior Scores
	// Kinds are the kinds of attack the finding speaks to; none means
	// every kind (a spoofed sender serves any lure).
	Kinds []Kind
	// Unfitted says why calibration keeps the prior instead of fitting
	// a score (the corpus cannot judge the signal fairly), or "".
	Unfitted string
	// Supporting findings count only beside other evidence: their
	// score is added only when the message also raised a finding that
	// is not supporting at medium or high (see Read). The message
	// structure tells are supporting: honest mailers produce each of
	// them now and then.
	Supporting bool
	// SignFrom is the lowest severity at which the finding is itself a
	// sign of phishing or fraud — it claims an identity that is not the
	// sender's, asks the reader to act, or disguises where a link leads
	// or what a file is — or "" when it never is (a sender or
	// authentication mismatch, a shortener: junk mail has them too). A
	// message without any sign is not called phishing, whatever its
	// score (see Evidence.Signed).
	SignFrom Severity
}

// IsSign reports whether the finding at severity sev is a sign of
// phishing or fraud (SignFrom).
func (d Def) IsSign(sev Severity) bool {
	if d.SignFrom == "" || sev == Info {
		return false
	}
	rank := map[Severity]int{Low: 1, Medium: 2, High: 3}
	return rank[sev] >= rank[d.SignFrom]
}

// SeverityList returns the severities the finding comes in, strongest
// first: those with a prior above 0, and info for the findings that
// also state a fact without weight (infoSeverities).
func (d Def) SeverityList() []Severity {
	var out []Severity
	for _, s := range Severities {
		if _, ok := d.PriorOf(s); ok {
			out = append(out, s)
		}
	}
	return out
}

// PriorOf returns the hand-set score for severity s and whether the
// finding comes in that severity.
func (d Def) PriorOf(s Severity) (float64, bool) {
	switch s {
	case High:
		return d.Prior.High, d.Prior.High > 0
	case Medium:
		return d.Prior.Medium, d.Prior.Medium > 0
	case Low:
		return d.Prior.Low, d.Prior.Low > 0
	case Info:
		return 0, infoSeverities[d.ID]
	}
	return 0, false
}

// infoSeverities are the findings that also come in severity info (a
// fact shown without weight).
var infoSeverities = map[ID]bool{AuthMissing: true, OriginSummary: true, MailLimitExceeded: true}

var (
	byID    = map[ID]*Def{}
	ordered []*Def
)

func init() {
	for _, list := range [][]Def{senderDefs, authDefs, originDefs, urlDefs, contentDefs, fraudDefs, attachmentDefs, mailDefs} {
		for i := range list {
			d := &list[i]
			if _, dup := byID[d.ID]; dup {
				panic(fmt.Sprintf("finding: %s declared twice", d.ID))
			}
			byID[d.ID] = d
			ordered = append(ordered, d)
		}
	}
	checkCombinations()
}

// Lookup returns the declaration of id.
func Lookup(id ID) (*Def, bool) {
	d, ok := byID[id]
	return d, ok
}

// MustLookup returns the declaration of id and panics when id is not
// declared: for ids the program itself names.
func MustLookup(id ID) *Def {
	d, ok := byID[id]
	if !ok {
		panic("finding: undeclared finding " + string(id))
	}
	return d
}

// All returns every declaration, by family in report order and within a
// family in declaration order.
func All() []*Def { return ordered }
