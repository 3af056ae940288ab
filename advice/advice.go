// Package advice turns a judged mail into what its reader needs first:
// one sentence that says what the mail is and why, in plain words, and
// the steps to take now — don't click, check through the official app,
// what to do if something was already entered or paid, and where to
// report it (the brand, フィッシング対策協議会, the police, the company's IT
// department). The steps and contacts are knowledge-base data with their
// sources (kb/data/advice.yaml); which steps apply depends on the verdict
// and on what the mail asked for.
package advice

import (
	"strings"

	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/kb"
)

// Ask is something a mail asked its reader for.
type Ask string

// The asks.
const (
	AskPassword   Ask = "password"
	AskCard       Ask = "card"
	AskCode       Ask = "code"
	AskPayment    Ask = "payment"
	AskCall       Ask = "call"
	AskCrypto     Ask = "crypto"
	AskAttachment Ask = "attachment"
	AskExtortion  Ask = "extortion"
)

// Step is one thing to do, in the report contract's shape.
type Step struct {
	ID      string   `json:"id"`
	TextJA  string   `json:"text_ja"`
	TextEN  string   `json:"text_en"`
	Contact *Contact `json:"contact,omitempty"`
}

// Contact is where a step says to report.
type Contact struct {
	NameJA string `json:"name_ja"`
	NameEN string `json:"name_en"`
	Email  string `json:"email,omitempty"`
	URL    string `json:"url,omitempty"`
	Phone  string `json:"phone,omitempty"`
}

// Mail is what the advice reads of a judged mail.
type Mail struct {
	Verdict  string
	Findings []check.Finding
	// Brand is the brand the mail claims to be (in its sender, subject
	// or links), nil when none.
	Brand *kb.Brand
	// Text is the subject and text as the reader reads them.
	Text string
	// Company is true when the recipient's address is not a free or
	// personal mailbox: work or school mail.
	Company bool
}

// maxAskText bounds the text the ask words are looked for in.
const maxAskText = 64 << 10

// Asked returns what the mail asked for, from its findings and, for card
// details, codes and payments, from the words of the text
// (kb/data/advice.yaml asks).
func Asked(k *kb.KB, m Mail) []Ask {
	has := map[finding.ID]bool{}
	attachment := false
	for _, f := range m.Findings {
		if f.Severity == check.Info {
			continue
		}
		has[f.ID] = true
		if strings.HasPrefix(string(f.ID), "attachment.") {
			attachment = true
		}
	}
	hasAny := func(ids ...finding.ID) bool {
		for _, id := range ids {
			if has[id] {
				return true
			}
		}
		return false
	}
	text := m.Text
	if len(text) > maxAskText {
		text = text[:maxAskText]
	}
	named := k.AsksIn(text)
	says := func(ask Ask) bool { return named[string(ask)] }
	var out []Ask
	add := func(a Ask, ok bool) {
		if ok {
			out = append(out, a)
		}
	}
	add(AskPassword, hasAny(finding.ContentCredentialRequest, finding.ContentPasswordForm, finding.AttachmentHTMLForm,
		finding.SenderOffbrandAction, finding.URLLookalikeDomain, finding.URLBrandInSubdomain, finding.URLBrandKeywordDomain,
		finding.URLIDNHomoglyph, finding.URLInsecureLogin, finding.SenderOwnDomainSpoof))
	add(AskCard, says(AskCard))
	add(AskCode, says(AskCode))
	add(AskPayment, hasAny(finding.ContentAdvanceFee) || says(AskPayment))
	add(AskCall, hasAny(finding.ContentCallbackScam))
	add(AskCrypto, hasAny(finding.ContentCryptoLure))
	add(AskAttachment, attachment)
	add(AskExtortion, hasAny(finding.ContentSextortion))
	return out
}

// Steps returns the steps for the mail, in the knowledge base's order.
func Steps(k *kb.KB, m Mail, asks []Ask) []Step {
	asked := map[string]bool{}
	for _, a := range asks {
		asked[string(a)] = true
	}
	brandJA, brandEN := "送り主", "the sender"
	if m.Brand != nil {
		brandJA, brandEN = brandNameJA(m.Brand), m.Brand.Name
	}
	var out []Step
	for _, s := range k.Advice.Steps {
		if !contains(s.Verdicts, m.Verdict) {
			continue
		}
		switch s.When {
		case "":
		case "company":
			if !m.Company {
				continue
			}
		case "brand_report":
			if m.Brand == nil || m.Brand.Report == nil {
				continue
			}
		default:
			if !asked[s.When] {
				continue
			}
		}
		ja := s.JA
		if m.Brand == nil {
			// 「本当に {brand} からの」→「本当に送り主からの」: the spaces
			// set a Latin name apart, not a Japanese word.
			ja = strings.ReplaceAll(ja, " {brand} ", "{brand}")
		}
		st := Step{ID: s.ID, TextJA: strings.ReplaceAll(ja, "{brand}", brandJA), TextEN: strings.ReplaceAll(s.EN, "{brand}", brandEN)}
		if s.Lang == "en" {
			st.TextJA = ""
		}
		if c, ok := k.Advice.Contacts[s.Contact]; ok {
			st.Contact = &Contact{NameJA: c.NameJA, NameEN: c.NameEN, Email: c.Email, URL: c.URL, Phone: c.Phone}
		}
		if s.When == "brand_report" {
			r := m.Brand.Report
			st.Contact = &Contact{NameJA: brandJA, NameEN: brandEN, Email: r.Email, URL: r.URL}
		}
		out = append(out, st)
	}
	return out
}

// brandNameJA is the brand's Japanese name without its reading in
// brackets ("Amazon（アマゾン）" → "Amazon").
func brandNameJA(b *kb.Brand) string {
	n := b.NameJA
	if n == "" {
		return b.Name
	}
	if i := strings.Index(n, "（"); i > 0 {
		n = n[:i]
	}
	return n
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
