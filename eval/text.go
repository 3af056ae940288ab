package eval

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
)

// WriteText prints a summary for people: the two decision rules, the
// figures per language and per kind of phishing and spam (when the
// manifest gives kinds), the findings' hit rates, and the first shown
// misclassified messages (all of them when shown < 0).
func WriteText(w io.Writer, s Summary, shown int) error {
	var b strings.Builder
	fmt.Fprintf(&b, "split %s: %d messages (phishing %d, spam %d, ham %d), %d unreadable\n\n",
		s.Split, s.Messages, s.Labels[Phishing], s.Labels[Spam], s.Labels[Ham], s.Errors)
	fmt.Fprintf(&b, "%-24s %6s %6s %6s %6s %9s %7s %6s %7s %6s\n", "rule", "TP", "FN", "FP", "TN", "precision", "recall", "F1", "ham FPR", "spam")
	for _, r := range s.Rules {
		writeRule(&b, r.Name, r)
	}
	langs := make([]string, 0, len(s.ByLang))
	for l := range s.ByLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	b.WriteString("\nby language\n")
	for _, l := range langs {
		for _, r := range s.ByLang[l] {
			writeRule(&b, l+" "+r.Name, r)
		}
	}
	writeKinds(&b, s)
	b.WriteString("\nverdicts by label\n")
	for _, l := range []string{Phishing, Spam, Ham} {
		v := s.Verdicts[l]
		fmt.Fprintf(&b, "  %-8s phishing %5d  suspicious %5d  clean %5d\n", l, v["phishing"], v["suspicious"], v["clean"])
	}
	fmt.Fprintf(&b, "\n%-32s %9s %7s %7s %9s\n", "finding (share of messages)", "phishing", "spam", "ham", "precision")
	for _, f := range s.Findings {
		fmt.Fprintf(&b, "%-32s %8.1f%% %6.1f%% %6.1f%% %8.1f%%\n", f.ID, 100*f.Rate[Phishing], 100*f.Rate[Spam], 100*f.Rate[Ham], 100*f.Precision)
	}
	writeMisses(&b, "missed phishing (judged clean)", s.Missed, shown)
	writeMisses(&b, "false alarms (ham judged suspicious or phishing)", s.FalseAlarms, shown)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeRule(b *strings.Builder, name string, r Rule) {
	c := r.Confusion
	fmt.Fprintf(b, "%-24s %6d %6d %6d %6d %8.1f%% %6.1f%% %6.3f %6.2f%% %5.1f%%\n", name, c.TP, c.FN, c.FP, c.TN,
		100*r.Precision, 100*r.Recall, r.F1, 100*r.FPR, 100*r.SpamFlagged)
}

func writeMisses(b *strings.Builder, title string, ms []Miss, shown int) {
	fmt.Fprintf(b, "\n%s: %d\n", title, len(ms))
	for i, m := range ms {
		if shown >= 0 && i == shown {
			fmt.Fprintf(b, "  … +%d (--show-all lists them all)\n", len(ms)-shown)
			break
		}
		var top []string
		for _, h := range m.Top {
			top = append(top, fmt.Sprintf("%s@%s %g", h.ID, h.Severity, h.Score))
		}
		fmt.Fprintf(b, "  %-44s %-10s %5g  %s\n", m.Path, m.Verdict, m.Score, strings.Join(top, ", "))
	}
}

// mainLangs are the language columns of the per-kind table, in order;
// other languages a manifest gives follow them.
var mainLangs = []string{"ja", "en", "other"}

// writeKinds prints, per kind of phishing, the share judged phishing and
// phishing or suspicious, overall and per language, then per kind of
// spam the share called phishing. Nothing when no message has a kind.
func writeKinds(b *strings.Builder, s Summary) {
	if !hasKinds(s) {
		return
	}
	seen := map[string]bool{}
	for _, st := range s.ByKind {
		for l := range st.ByLang {
			seen[l] = true
		}
	}
	langs := append([]string(nil), mainLangs...)
	var extra []string
	for l := range seen {
		if !slices.Contains(mainLangs, l) {
			extra = append(extra, l)
		}
	}
	sort.Strings(extra)
	langs = append(langs, extra...)

	b.WriteString("\nby kind (phishing messages: n, recall of verdict phishing, of phishing or suspicious; the same per language)\n")
	fmt.Fprintf(b, "%-14s %21s", "", "all")
	for _, l := range langs {
		fmt.Fprintf(b, "  %21s", l)
	}
	fmt.Fprintf(b, "\n%-14s %5s %7s %7s", "kind", "n", "phish", "p|susp")
	for range langs {
		fmt.Fprintf(b, "  %5s %7s %7s", "n", "phish", "p|susp")
	}
	b.WriteString("\n")
	kinds := make([]string, 0, len(s.ByKind))
	var all Judged
	allLang := map[string]Judged{}
	for k, st := range s.ByKind {
		kinds = append(kinds, k)
		all = sumJudged(all, st.Judged)
		for l, sl := range st.ByLang {
			allLang[l] = sumJudged(allLang[l], sl.Judged)
		}
	}
	sort.Slice(kinds, func(i, j int) bool {
		ni, nj := s.ByKind[kinds[i]].Messages, s.ByKind[kinds[j]].Messages
		if ni != nj {
			return ni > nj
		}
		return kinds[i] < kinds[j]
	})
	row := func(name string, st KindStat, byLang map[string]KindStat) {
		line := fmt.Sprintf("%-14s %5d %6.1f%% %6.1f%%", name, st.Messages, 100*st.Recall, 100*st.RecallOrSuspicious)
		for _, l := range langs {
			if sl := byLang[l]; sl.Messages > 0 {
				line += fmt.Sprintf("  %5d %6.1f%% %6.1f%%", sl.Messages, 100*sl.Recall, 100*sl.RecallOrSuspicious)
			} else {
				line += fmt.Sprintf("  %5s %7s %7s", "-", "", "")
			}
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	for _, k := range kinds {
		row(k, s.ByKind[k], s.ByKind[k].ByLang)
	}
	allByLang := map[string]KindStat{}
	for l, j := range allLang {
		allByLang[l] = kindStat(j)
	}
	row("all", kindStat(all), allByLang)

	if len(s.SpamByKind) == 0 {
		return
	}
	b.WriteString("\nspam by kind (spam rate: spam called phishing, and phishing or suspicious)\n")
	fmt.Fprintf(b, "%-14s %5s %17s %17s\n", "kind", "n", "called phishing", "phish or susp")
	skinds := make([]string, 0, len(s.SpamByKind))
	for k := range s.SpamByKind {
		skinds = append(skinds, k)
	}
	sort.Strings(skinds)
	for _, k := range skinds {
		st := s.SpamByKind[k]
		fmt.Fprintf(b, "%-14s %5d %8d (%5.1f%%) %8d (%5.1f%%)\n", k, st.Messages, st.Phishing, 100*st.PhishingRate,
			st.Phishing+st.Suspicious, 100*st.FlaggedRate)
	}
}

// hasKinds tells whether any phishing or spam message has a kind.
func hasKinds(s Summary) bool {
	for k := range s.ByKind {
		if k != "unknown" {
			return true
		}
	}
	for k := range s.SpamByKind {
		if k != "unknown" {
			return true
		}
	}
	return false
}

func sumJudged(a, b Judged) Judged {
	return Judged{Messages: a.Messages + b.Messages, Phishing: a.Phishing + b.Phishing,
		Suspicious: a.Suspicious + b.Suspicious, Clean: a.Clean + b.Clean}
}
