package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

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
			if len(d.Kinds) > 0 {
				var kinds []string
				for _, k := range d.Kinds {
					if *lang == "en" {
						kinds = append(kinds, k.NameEN())
					} else {
						kinds = append(kinds, k.NameJA())
					}
				}
				label, sep := "狙い: ", "、"
				if *lang == "en" {
					label, sep = "speaks to: ", ", "
				}
				fmt.Fprintf(stdout, "    %-28s %s%s\n", "", label, strings.Join(kinds, sep))
			}
		}
		fmt.Fprintln(stdout)
	}
	return 0
}
