package eval

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteText prints a summary for people: the two decision rules, the
// figures per language, the findings' hit rates, and the first shown
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
