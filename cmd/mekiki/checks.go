package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/finding"
)

func cmdChecks(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("checks", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	lang := fs.String("lang", "ja", "language of the titles: ja or en")
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "mekiki checks: %v.\n", err)
		return exitError
	}
	for _, c := range check.All {
		fmt.Fprintf(stdout, "%s\n  %s\n", c.ID, c.Doc)
		for _, id := range c.Findings {
			d := finding.MustLookup(id)
			title, doc := d.TitleJA, d.DocJA
			if *lang == "en" {
				title, doc = d.TitleEN, d.DocEN
			}
			fmt.Fprintf(stdout, "    %-28s %s\n    %-28s %s\n", d.ID, title, "", doc)
		}
		fmt.Fprintln(stdout)
	}
	return 0
}
