package kb

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mekiki/mekiki/match"
)

// AdviceData is what mekiki tells the reader after a verdict (package
// advice): the contacts to report to, the words that tell what a mail
// asks for, and the steps (kb/data/advice.yaml, with its sources).
type AdviceData struct {
	Contacts map[string]Contact  `yaml:"contacts"`
	Asks     map[string][]string `yaml:"asks"`
	Steps    []AdviceStep        `yaml:"steps"`
}

// Contact is a place to report phishing to.
type Contact struct {
	NameJA string `yaml:"name_ja"`
	NameEN string `yaml:"name_en"`
	Email  string `yaml:"email"`
	URL    string `yaml:"url"`
	Phone  string `yaml:"phone"`
}

// AdviceStep is one thing to do, for some verdicts and, optionally,
// one condition (When: an ask such as "password" or "card",
// "brand_report" or "company").
type AdviceStep struct {
	ID       string   `yaml:"id"`
	Verdicts []string `yaml:"verdicts"`
	When     string   `yaml:"when"`
	// Lang limits the step to readers of one language ("en": reporting
	// desks abroad); empty means both.
	Lang    string `yaml:"lang"`
	Contact string `yaml:"contact"`
	JA      string `yaml:"ja"`
	EN      string `yaml:"en"`
}

// adviceConditions are the conditions a step may name.
var adviceConditions = map[string]bool{"": true, "password": true, "card": true, "code": true, "payment": true,
	"call": true, "crypto": true, "attachment": true, "extortion": true, "brand_report": true, "company": true}

// check holds the advice to its own rules: every step has an id, texts
// in both languages, known verdicts and condition, and a declared
// contact.
func (a *AdviceData) check() error {
	seen := map[string]bool{}
	for _, s := range a.Steps {
		switch {
		case s.ID == "" || seen[s.ID]:
			return fmt.Errorf("knowledge base: advice step %q has no id or is listed twice", s.ID)
		case strings.TrimSpace(s.JA) == "" || strings.TrimSpace(s.EN) == "":
			return fmt.Errorf("knowledge base: advice step %s lacks its Japanese or English text", s.ID)
		case !adviceConditions[s.When]:
			return fmt.Errorf("knowledge base: advice step %s: unknown condition %q", s.ID, s.When)
		case s.Contact != "" && a.Contacts[s.Contact].NameJA == "":
			return fmt.Errorf("knowledge base: advice step %s names contact %q, which is not listed", s.ID, s.Contact)
		case s.Lang != "" && s.Lang != "ja" && s.Lang != "en":
			return fmt.Errorf("knowledge base: advice step %s: unknown language %q", s.ID, s.Lang)
		}
		seen[s.ID] = true
		for _, v := range s.Verdicts {
			if v != "phishing" && v != "suspicious" && v != "clean" {
				return fmt.Errorf("knowledge base: advice step %s: unknown verdict %q", s.ID, v)
			}
		}
	}
	for id, c := range a.Contacts {
		if c.NameJA == "" || c.NameEN == "" || c.Email == "" && c.URL == "" && c.Phone == "" {
			return fmt.Errorf("knowledge base: advice contact %s lacks a name or a way to reach it", id)
		}
	}
	return nil
}

// askIndex is the ask words in one dictionary: Value indexes names.
type askIndex struct {
	dict  *match.Dictionary
	names []string
}

func newAskIndex(asks map[string][]string) *askIndex {
	ix := &askIndex{}
	for name := range asks {
		ix.names = append(ix.names, name)
	}
	sort.Strings(ix.names)
	var terms []match.Term
	for i, name := range ix.names {
		for _, w := range asks[name] {
			terms = append(terms, match.Term{Text: strings.ToLower(w), Value: i})
		}
	}
	ix.dict = match.NewDictionary(terms)
	return ix
}

// AsksIn returns which asks of the advice (card, code, payment …) the
// text's words name, in one pass over its lower-cased form.
func (k *KB) AsksIn(text string) map[string]bool {
	out := map[string]bool{}
	for _, h := range k.asks.dict.Find(strings.ToLower(text), "") {
		out[k.asks.names[h.Term.Value]] = true
	}
	return out
}
