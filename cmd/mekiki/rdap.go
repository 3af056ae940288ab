package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/mekiki/mekiki/online"
)

const rdapUsage = `Usage: mekiki rdap refresh [--out FILE] [--url URL]

Downloads IANA's RDAP bootstrap file (which registry answers for which
top-level domain) for --online's domain-age look-ups. Without it, mekiki
uses the excerpt built into it.

Flags:
`

func cmdRDAP(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rdap", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("out", online.DefaultBootstrapPath(), "where to keep the `file`")
	url := fs.String("url", online.IANABootstrapURL, "bootstrap file `URL`")
	pos, code, done := parseCommand(fs, rdapUsage, args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) != 1 || pos[0] != "refresh" {
		fmt.Fprintln(stderr, "mekiki rdap: the only subcommand is refresh.")
		return exitError
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	bs, err := online.RefreshBootstrap(ctx, &http.Client{}, *url, *out)
	if err != nil {
		fmt.Fprintf(stderr, "mekiki rdap refresh: %v.\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "%s: RDAP bootstrap published %s saved\n", *out, bs.Publication)
	return 0
}
