package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/mekiki/mekiki/check"
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
		for _, d := range c.Findings {
			title := d.TitleJA
			if *lang == "en" {
				title = d.TitleEN
			}
			fmt.Fprintf(stdout, "    %-28s %s\n    %-28s %s\n", d.ID, title, "", d.Doc)
		}
		fmt.Fprintln(stdout)
	}
	return 0
}
