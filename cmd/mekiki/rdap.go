package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/mekiki/mekiki/internal/safehttp"
	"github.com/mekiki/mekiki/online"
)

const rdapUsage = `Usage: mekiki rdap refresh [--out FILE] [--url URL] [--allow-http]

Downloads IANA's RDAP bootstrap file (which registry answers for which
top-level domain) for --online's domain-age look-ups. Without it, mekiki
uses the excerpt built into it. It fetches over HTTPS only (an http://
--url needs --allow-http), follows at most 5 redirects and only to HTTPS,
connects only to public addresses, and refuses a file larger than 4 MiB.

Flags:
`

func cmdRDAP(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rdap", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("out", online.DefaultBootstrapPath(), "where to keep the `file`")
	url := fs.String("url", online.IANABootstrapURL, "bootstrap file `URL`")
	allowHTTP := fs.Bool("allow-http", false, "allow a --url that is plain http://")
	pos, code, done := parseCommand(fs, rdapUsage, args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) != 1 || pos[0] != "refresh" {
		fmt.Fprintln(stderr, "mekiki rdap: the only subcommand is refresh.")
		return exitError
	}
	policy := downloadPolicy(*allowHTTP, time.Minute)
	if err := checkDownloadURL(policy, *url); err != nil {
		fmt.Fprintf(stderr, "mekiki rdap refresh: %v.\n", err)
		return exitError
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	bs, err := online.RefreshBootstrap(ctx, safehttp.New(policy), *url, *out)
	if err != nil {
		fmt.Fprintf(stderr, "mekiki rdap refresh: %v.\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "%s: RDAP bootstrap published %s saved\n", *out, bs.Publication)
	return 0
}

// testServers is set by this package's tests only, to reach their own
// loopback servers (its RootCAs and AllowForTests); no flag sets it.
var testServers safehttp.Policy

// downloadPolicy is the policy of feeds update and rdap refresh: HTTPS
// to public addresses, plain HTTP only with --allow-http.
func downloadPolicy(allowHTTP bool, timeout time.Duration) safehttp.Policy {
	return safehttp.Policy{AllowHTTP: allowHTTP, Timeout: timeout,
		RootCAs: testServers.RootCAs, AllowForTests: testServers.AllowForTests}
}

// checkDownloadURL says, in one sentence, why policy will not fetch
// rawURL, before anything is opened or sent; nil when it may.
func checkDownloadURL(policy safehttp.Policy, rawURL string) error {
	err := policy.Check(rawURL)
	switch {
	case errors.Is(err, safehttp.ErrPlainHTTP):
		return fmt.Errorf("%s is plain HTTP; give --allow-http to download it anyway", rawURL)
	case err != nil:
		return fmt.Errorf("cannot download %s: %v", rawURL, err)
	}
	return nil
}
