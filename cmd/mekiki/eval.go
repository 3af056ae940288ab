package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

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
	var kf knowledgeFlags
	kf.register(fs)
	pos, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, "Usage: mekiki eval [flags] MANIFEST.tsv\n\nMANIFEST: the corpus form (path, label, language … with a header)\nor lines of label<TAB>path; labels phishing, spam, ham.\n\nFlags:\n")
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "mekiki eval: %v; run 'mekiki eval -h' for the flags.\n", err)
		return exitError
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
	sum := eval.Summarize(*split, eval.Analyze(context.Background(), a, items, *split))
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
