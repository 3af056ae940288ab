package web

import (
	"net/mail"
	"net/url"
	"strings"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/advice"
)

// stepView is one step of the advice as the banner shows it, in the
// page's language.
type stepView struct {
	ID, Text string
	Contact  *contactView
}

// contactView is where a step says to report. Email and URL are the
// knowledge base's own addresses (never anything from the mail); each is
// set only when it is safe to link: a plain address for mailto:, an
// https URL.
type contactView struct {
	Name, Email, URL, Phone string
	// Host is URL's host, the link's text.
	Host string
	// Text is an address or URL that is not linked.
	Text string
}

// adviceViews are the report's steps in lang; a step without text in
// that language (in Japanese, those meant for readers abroad) is left out.
func adviceViews(steps []advice.Step, lang string) []stepView {
	var out []stepView
	for _, s := range steps {
		text := msg(lang, s.TextJA, s.TextEN)
		if strings.TrimSpace(text) == "" {
			continue
		}
		sv := stepView{ID: s.ID, Text: text}
		if c := s.Contact; c != nil {
			cv := &contactView{Name: msg(lang, c.NameJA, c.NameEN), Phone: c.Phone}
			if cv.Name == "" {
				cv.Name = c.NameEN
			}
			if plainAddress(c.Email) {
				cv.Email = c.Email
			} else {
				cv.Text = c.Email
			}
			if u, ok := httpsURL(c.URL); ok {
				cv.URL, cv.Host = c.URL, u.Host
			} else if c.URL != "" {
				cv.Text = strings.TrimSpace(cv.Text + " " + c.URL)
			}
			sv.Contact = cv
		}
		out = append(out, sv)
	}
	return out
}

// plainAddress reports whether s is a bare address (local@domain) that a
// mailto: link carries as itself.
func plainAddress(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == "" && !strings.ContainsAny(s, "?&#%/\\ ")
}

// httpsURL parses s and reports whether it is an absolute https URL.
func httpsURL(s string) (*url.URL, bool) {
	u, err := url.Parse(s)
	return u, err == nil && u.Scheme == "https" && u.Host != "" && u.User == nil
}

// verdictWords are the banner's verdict word and the note under it: a
// clean verdict says nothing conclusive was found, never that the mail
// is safe.
func verdictWords(lang, verdict string) (word, note string) {
	word = verdictWord(lang, verdict)
	if verdict == "clean" {
		note = msg(lang, "（安全の保証ではありません）", "(not a guarantee of safety)")
	}
	return word, note
}

// verdictWord is the verdict as one word (or two).
func verdictWord(lang, v string) string {
	if lang == "en" {
		return map[string]string{"phishing": "Phishing", "suspicious": "Suspicious", "clean": "Nothing conclusive"}[v]
	}
	return map[string]string{"phishing": "フィッシング", "suspicious": "要注意", "clean": "決め手なし"}[v]
}

// comboView is one combination of evidence as its card shows it.
type comboView struct {
	ID, Title string
	Score     float64
	// Parts are the titles of the findings it combines, IDs their ids.
	Parts, IDs []string
}

// comboViews are the report's combinations, strongest first as the
// report lists them, with the titles of the findings they combine.
func comboViews(rep *mekiki.Report, lang string, titles map[string]string) []comboView {
	var out []comboView
	for _, c := range rep.Combos {
		cv := comboView{ID: string(c.ID), Title: msg(lang, c.TitleJA, c.TitleEN), Score: c.Score}
		for _, id := range c.Findings {
			cv.IDs = append(cv.IDs, string(id))
			if t := titles[string(id)]; t != "" {
				cv.Parts = append(cv.Parts, t)
			} else {
				cv.Parts = append(cv.Parts, string(id))
			}
		}
		out = append(out, cv)
	}
	return out
}

// findingTitles maps each finding id of the report to its title in lang.
func findingTitles(rep *mekiki.Report, lang string) map[string]string {
	out := map[string]string{}
	for _, f := range rep.Findings {
		out[string(f.ID)] = msg(lang, f.TitleJA, f.TitleEN)
	}
	return out
}
