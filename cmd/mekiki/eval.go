package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"time"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/eval"
)

func cmdEval(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "text", "output `format`: text or json")
	split := fs.String("split", "all", "which half of the manifest: dev, test or all (by a hash of each message)")
	showAll := fs.Bool("show-all", false, "list every misclassified message, not the first 20")
	noHard := fs.Bool("no-hard-negatives", false, "leave out the team's hard-negative Japanese brand mails")
	fit := fs.String("fit", "", "fit the finding scores and thresholds on the split (use --split dev) and rewrite this scoring `file` (kb/data/scoring.yaml)")
	var kf knowledgeFlags
	kf.register(fs)
	// Unlike analyze, eval never opens the default store (see below).
	fs.Lookup("feeds").Usage = "phishing feed store `file` to look links up in (default: none; eval reads no feeds unless this names a store)"
	pos, code, done := parseCommand(fs, "Usage: mekiki eval [flags] MANIFEST.tsv\n\nMANIFEST: the corpus form (path, label, language … with a header)\nor lines of label<TAB>path; labels phishing, spam, ham.\n\nFlags:\n", args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "mekiki eval: give exactly one manifest file.")
		return exitError
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "mekiki eval: --format must be text or json, not %q.\n", *format)
		return exitError
	}
	if *split != eval.Dev && *split != eval.Test && *split != eval.All {
		fmt.Fprintf(stderr, "mekiki eval: --split must be dev, test or all, not %q.\n", *split)
		return exitError
	}
	items, err := eval.ReadManifest(pos[0])
	if err != nil {
		fmt.Fprintf(stderr, "mekiki eval: %v.\n", err)
		return exitError
	}
	if !*noHard {
		items = append(items, eval.HardNegatives()...)
	}
	// Figures must not depend on what a machine's default feed store
	// holds: feeds are used only when --feeds names a store.
	if kf.feedsPath == "" {
		kf.noFeeds = true
	}
	var opts mekiki.Options
	closeFeeds, err := kf.apply(&opts)
	if err != nil {
		fmt.Fprintf(stderr, "mekiki eval: %v.\n", err)
		return exitError
	}
	defer closeFeeds()
	a, err := mekiki.New(opts)
	if err != nil {
		fmt.Fprintf(stderr, "mekiki eval: %v.\n", err)
		return exitError
	}
	outs := eval.Analyze(context.Background(), a, items, *split)
	if *fit != "" {
		return fitScoring(*fit, pos[0], *split, outs, stdout, stderr)
	}
	sum := eval.Summarize(*split, outs)
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(sum)
	} else {
		shown := 20
		if *showAll {
			shown = -1
		}
		err = eval.WriteText(stdout, sum, shown)
	}
	if err != nil {
		fmt.Fprintf(stderr, "mekiki eval: cannot write the result: %v.\n", err)
		return exitError
	}
	return 0
}

// fitScoring calibrates on outs and rewrites the scoring file, with the
// date, corpus and command in its header.
func fitScoring(file, manifest, split string, outs []eval.Outcome, stdout, stderr io.Writer) int {
	if split == eval.Test {
		fmt.Fprintln(stderr, "mekiki eval: refusing to fit on the test split; use --split dev.")
		return exitError
	}
	orig, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "mekiki eval: %v.\n", err)
		return exitError
	}
	c := eval.DefaultCalibration
	prior := eval.Prior()
	fitted := c.Fit(outs, prior)
	header := []string{
		"Score of each finding by severity, and the verdict thresholds.",
		"verdict = phishing if score >= phishing, suspicious if >= suspicious.",
		"",
		fmt.Sprintf("Fitted on %s by `mekiki eval --fit %s --split %s %s`", time.Now().UTC().Format("2006-01-02"), file, split, manifest),
		fmt.Sprintf("on %d phishing, %d ham and %d spam messages of the %s split, plus %d team hard negatives", fitted.Phishy, fitted.Ham, fitted.Spam, split, fitted.Hard),
		"(eval/hardneg, weight " + strconv.FormatFloat(c.HardWeight, 'g', -1, 64) + "; spam weight " + strconv.FormatFloat(c.SpamWeight, 'g', -1, 64) +
			" of a ham, as a negative). Method (eval/fit.go): class-balanced logistic",
		fmt.Sprintf("regression on finding indicators and the combinations of evidence (finding/combination.go), %g log-odds per point, each score pulled towards", c.Scale),
		fmt.Sprintf("the team's hand-set score declared with each finding (package finding) (L2, lambda %g), scores >= 0 and high >= medium >= low.", c.Lambda),
		"Thresholds: the lowest score with at most " + pct(c.MaxPhishingFPR) + " of dev ham and " + pct(c.MaxSpamPhishing) + " of each kind of dev spam called phishing",
		"(and no hard negative; a message without a sign of phishing is never called phishing and counts only for suspicious),",
		"and at most " + pct(c.MaxSuspiciousFPR) + " of ham flagged suspicious. Supporting findings count only beside other evidence.",
		"Not fitted (kept as the team set them):",
	}
	ids := make([]string, 0, len(eval.Frozen))
	for id := range eval.Frozen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		header = append(header, "  "+id+": "+eval.Frozen[id])
	}
	if err := os.WriteFile(file, eval.RewriteScoring(orig, fitted, header), 0o644); err != nil {
		fmt.Fprintf(stderr, "mekiki eval: %v.\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "fitted on %d phishing, %d ham, %d hard negatives; thresholds suspicious %g, phishing %g\nscores that moved:\n%s",
		fitted.Phishy, fitted.Ham, fitted.Hard, fitted.Suspicious, fitted.Phishing, fitted.Describe(prior))
	return 0
}

func pct(f float64) string { return strconv.FormatFloat(100*f, 'g', -1, 64) + " %" }
