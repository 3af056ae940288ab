package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/kb"
)

func cmdChecks(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("checks", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	lang := fs.String("lang", "ja", "language of the docs and titles: ja or en")
	if code, done := parseFlagsOnly(fs, "Usage: mekiki checks [--lang en]\n\nLists every check and finding id with its doc and scores.\n\nFlags:\n", args, stdout, stderr); done {
		return code
	}
	k := kb.Default()
	en := *lang == "en"
	if en {
		fmt.Fprintf(stdout, "How the score is made\n  %s\n\n", modelEN)
	} else {
		fmt.Fprintf(stdout, "スコアの出し方\n  %s\n\n", modelJA)
	}
	if en {
		fmt.Fprintf(stdout, "  suspicious ≥ %g, phishing ≥ %g\n\n", k.Thresholds.Suspicious, k.Thresholds.Phishing)
	} else {
		fmt.Fprintf(stdout, "  要注意 ≥ %g、フィッシング ≥ %g\n\n", k.Thresholds.Suspicious, k.Thresholds.Phishing)
	}
	for _, c := range check.All {
		doc := c.DocJA
		if en || doc == "" {
			doc = c.Doc
		}
		fmt.Fprintf(stdout, "%s\n  %s\n", c.ID, doc)
		for _, id := range c.Findings {
			d := finding.MustLookup(id)
			title, doc := d.TitleJA, d.DocJA
			if *lang == "en" {
				title, doc = d.TitleEN, d.DocEN
			}
			fmt.Fprintf(stdout, "    %-28s %s\n    %-28s %s\n", d.ID, title, "", doc)
			fmt.Fprintf(stdout, "    %-28s %s\n", "", scoresOf(k, d, en))
			if len(d.Kinds) > 0 {
				var kinds []string
				for _, k := range d.Kinds {
					if *lang == "en" {
						kinds = append(kinds, k.NameEN())
					} else {
						kinds = append(kinds, k.NameJA())
					}
				}
				label, sep := "狙い：", "、"
				if *lang == "en" {
					label, sep = "speaks to: ", ", "
				}
				fmt.Fprintf(stdout, "    %-28s %s%s\n", "", label, strings.Join(kinds, sep))
			}
		}
		fmt.Fprintln(stdout)
	}
	if en {
		fmt.Fprintln(stdout, "combinations (evidence that adds up)")
	} else {
		fmt.Fprintln(stdout, "combinations（組み合わせて読む根拠）")
	}
	for _, c := range finding.Combinations() {
		title, doc := c.TitleJA, c.DocJA
		if en {
			title, doc = c.TitleEN, c.DocEN
		}
		var groups []string
		for _, g := range c.Groups {
			ids := make([]string, len(g))
			for i, id := range g {
				ids[i] = string(id)
			}
			groups = append(groups, "("+strings.Join(ids, " | ")+")")
		}
		fmt.Fprintf(stdout, "    %-28s %s  +%g\n    %-28s %s\n    %-28s %s\n", c.ID, title, k.ComboScore(c.ID), "", doc, "", strings.Join(groups, " × "))
	}
	return 0
}

// The scoring model, as `mekiki checks` explains it.
const (
	modelJA = "メールの点数は、出た根拠（finding）の点数の合計に、組み合わせて読める根拠（combination）の点数を足したものです。" +
		"根拠の点数は重さ（高・中・低）ごとに kb/data/scoring.yaml にあり、チームが決めた初期値（package finding の宣言）から、" +
		"コーパスの dev 分割だけでロジスティック回帰により調整しています（mekiki eval --fit）。" +
		"「補助」の根拠（メールの形の特徴）は、補助でない中以上の根拠があるときだけ加点されます。" +
		"「兆候」の根拠（なりすまし、行動の要求、リンクや添付の偽装）が一つもないメールは、点数にかかわらず「フィッシング」ではなく「要注意」までとします。" +
		"コーパスでは公平に測れない根拠（時代や収集元で決まってしまうもの）は初期値のまま固定です。レポートには根拠ごと・組み合わせごとの点数が出ます。"
	modelEN = "A mail's score is the sum of the scores of the findings it raised plus those of the combinations of evidence that hold. " +
		"Finding scores per severity (high, medium, low) are in kb/data/scoring.yaml: the team's hand-set starting points (declared in package finding), " +
		"adjusted by logistic regression on the corpus's dev split only (mekiki eval --fit). " +
		"Supporting findings (message-shape tells) add their score only beside a finding that is not supporting at medium or high. " +
		"A mail with no sign of phishing (a claimed identity, a request to act, a disguised link or file) is at most suspicious, whatever its score. " +
		"Findings the corpus cannot judge fairly (their rate is set by its era or sources) keep their starting score. Reports show each finding's and each combination's score."
)

// scoresOf lists a finding's scores by severity, and says when it is
// supporting or not fitted.
func scoresOf(k *kb.KB, d *finding.Def, en bool) string {
	names := map[finding.Severity][2]string{finding.High: {"高", "high"}, finding.Medium: {"中", "medium"}, finding.Low: {"低", "low"}, finding.Info: {"情報", "info"}}
	var parts []string
	for _, sev := range d.SeverityList() {
		n := names[sev][0]
		if en {
			n = names[sev][1]
		}
		parts = append(parts, fmt.Sprintf("%s %g", n, k.Score(d.ID, string(sev))))
	}
	label := "点数：" + strings.Join(parts, "・")
	if en {
		label = "score: " + strings.Join(parts, ", ")
	}
	switch {
	case d.Supporting && en:
		label += " (supporting)"
	case d.Supporting:
		label += "（補助）"
	}
	if d.SignFrom != "" {
		n := names[d.SignFrom][0]
		if en {
			label += " (a sign of phishing from " + names[d.SignFrom][1] + ")"
		} else {
			label += "（" + n + "以上で兆候）"
		}
	}
	switch {
	case d.Unfitted != "" && en:
		label += " (not fitted: " + d.Unfitted + ")"
	case d.Unfitted != "":
		label += "（固定：" + d.UnfittedIn("ja") + "）"
	}
	return label
}
