package web

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/mekiki/mekiki"
)

// linkView is one row of the links table: what the reader is shown,
// where the link really goes, and what is wrong with it.
type linkView struct {
	mekiki.Link
	// Shown is the text over the link ("" when the URL itself is shown).
	Shown string
	// Problems are the titles of the link's findings; Bad is true when
	// it has any.
	Problems []string
	Bad      bool
}

// linkViews are the rows of links, those with findings first (each group
// in the report's order), with the findings' titles.
func linkViews(links []mekiki.Link, titles map[string]string) []linkView {
	out := make([]linkView, 0, len(links))
	for _, l := range links {
		lv := linkView{Link: l, Shown: strings.Join(append([]string{l.Text}, l.Texts...), " / "), Bad: len(l.Findings) > 0}
		lv.Shown = strings.Trim(lv.Shown, " /")
		for _, id := range l.Findings {
			if t := titles[id]; t != "" {
				lv.Problems = append(lv.Problems, t)
			} else {
				lv.Problems = append(lv.Problems, id)
			}
		}
		out = append(out, lv)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Bad && !out[j].Bad })
	return out
}

// attachmentView is one row of the attachments table.
type attachmentView struct {
	mekiki.Attachment
	Problems []string
}

func attachmentViews(atts []mekiki.Attachment, titles map[string]string) []attachmentView {
	out := make([]attachmentView, 0, len(atts))
	for _, a := range atts {
		av := attachmentView{Attachment: a}
		for _, id := range a.Findings {
			if t := titles[id]; t != "" {
				av.Problems = append(av.Problems, t)
			} else {
				av.Problems = append(av.Problems, id)
			}
		}
		out = append(out, av)
	}
	return out
}

// setRows fills the tables of v from rep, each bounded to maxRows.
func (v *view) setRows(rep *mekiki.Report) {
	titles := findingTitles(rep, v.Lang)
	links, more := firstRows(rep.Links)
	v.Links, v.LinksMore = linkViews(links, titles), more+rep.LinksOmitted
	atts, more := firstRows(rep.Attachments)
	v.Attachments, v.AttachmentsMore = attachmentViews(atts, titles), more
	v.IOCs, v.IOCsMore = iocLines(rep.IOCs)
}

type findingView struct {
	ID, Severity, Title, Detail string
	Score                       float64
	Evidence                    []kv
}

type kv struct{ K, V string }

// findingViews orders the findings by weight, strongest first.
func findingViews(rep *mekiki.Report, lang string) []findingView {
	var out []findingView
	for _, f := range rep.Findings {
		fv := findingView{ID: string(f.ID), Severity: f.Severity, Score: f.Score, Title: f.TitleJA, Detail: f.DetailJA}
		if lang == "en" {
			fv.Title, fv.Detail = f.TitleEN, f.DetailEN
		}
		keys := make([]string, 0, len(f.Evidence))
		for k := range f.Evidence {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fv.Evidence = append(fv.Evidence, kv{k, evidenceText(f.Evidence[k])})
		}
		out = append(out, fv)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}

// evidenceText writes one evidence value for a reader: text as itself,
// a list of plain values one after another, anything else as JSON.
func evidenceText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []string:
		return strings.Join(x, ", ")
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			switch e.(type) {
			case string, bool, float64, int, int64:
				parts = append(parts, fmt.Sprint(e))
			default:
				b, _ := json.Marshal(x)
				return string(b)
			}
		}
		return strings.Join(parts, ", ")
	}
	b, _ := json.Marshal(v)
	return strings.Trim(string(b), `"`)
}
