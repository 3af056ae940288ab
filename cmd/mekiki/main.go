// Command mekiki tells whether an e-mail is phishing and shows why.
//
//	mekiki analyze [flags] FILE|-   judge one message (exit 0 clean, 1 suspicious, 2 phishing, 3 error)
//	mekiki show [flags] FILE|-      the mail decoded: headers, parts, text, links, attachments
//	mekiki url [flags] URL...|--list FILE  judge bare URLs, or measure a URL list
//	mekiki feeds import|stats|update manage the local phishing feed store
//	mekiki eval [flags] MANIFEST    measure detection on labelled mail
//	mekiki scan [flags] PATH|imap://... judge whole mailboxes, group campaigns, act on phishing
//	mekiki bench [flags] PATH...     measure throughput on mail files, directories or mbox
//	mekiki serve                     web page and HTTP API
//	mekiki milter                    Postfix/Sendmail milter
//	mekiki report council FILE       report mail to フィッシング対策協議会
//	mekiki iocs FILE...              IOCs as CSV or STIX 2.1
//	mekiki rdap refresh              download IANA's RDAP bootstrap file
//	mekiki checks                   list every check and finding id
//	mekiki version                  print the version
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// exitError is the exit status for errors (the contract reserves 3+).
const exitError = 3

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError
	}
	switch args[0] {
	case "analyze":
		return cmdAnalyze(args[1:], stdin, stdout, stderr)
	case "show":
		return cmdShow(args[1:], stdin, stdout, stderr)
	case "url":
		return cmdURL(args[1:], stdin, stdout, stderr)
	case "feeds":
		return cmdFeeds(args[1:], stdout, stderr)
	case "checks":
		return cmdChecks(args[1:], stdout, stderr)
	case "eval":
		return cmdEval(args[1:], stdout, stderr)
	case "bench":
		return cmdBench(args[1:], stdout, stderr)
	case "scan":
		return cmdScan(args[1:], stdout, stderr)
	case "rdap":
		return cmdRDAP(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "milter":
		return cmdMilter(args[1:], stdout, stderr)
	case "report":
		return cmdReport(args[1:], stdout, stderr)
	case "iocs":
		return cmdIOCs(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "mekiki %s\n", version())
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "mekiki: unknown command %q; run 'mekiki help' for the list.\n", args[0])
	return exitError
}

const usage = `mekiki — tells whether an e-mail is phishing and shows why.

Usage:
  mekiki analyze [flags] FILE|-   judge one message (.eml); - reads standard input
  mekiki show [flags] FILE|-      the mail decoded: headers, MIME parts, text, links, attachments (--format json)
  mekiki url [flags] URL...        judge bare URLs with the link checks (never fetched)
  mekiki url --list FILE           measure a URL list (JPCERT/CC CSV, Tranco CSV, one URL per line)
  mekiki feeds import FILE...      load phishing feeds (JPCERT/CC, PhishTank, OpenPhish) into the local store
  mekiki feeds stats               show what the local feed store holds
  mekiki feeds update              download the public feeds (JPCERT/CC, OpenPhish, URLhaus) into the store
  mekiki eval [flags] MANIFEST.tsv measure detection on labelled mail (--split dev|test, --format json)
  mekiki scan [flags] PATH|imap://… judge mailboxes (files, dirs, mbox, Maildir, IMAP); --campaigns, --move-to
  mekiki bench [flags] PATH...      measure throughput (msgs/s, MB/s, allocations, peak RSS) on 1 and all cores
  mekiki serve [--listen ADDR]     web page and HTTP API (default http://127.0.0.1:8080/)
  mekiki milter [--listen SOCKET]  Postfix/Sendmail milter: mark, tag, hold or reject phishing
  mekiki report council FILE       the report mail to フィッシング対策協議会, original attached
  mekiki iocs [--format csv|stix] FILE...  indicators of flagged messages for a CSIRT
  mekiki rdap refresh              download IANA's RDAP bootstrap file for --online
  mekiki checks [--lang en]        list every check and finding id with its doc
  mekiki version                   print the version
  mekiki help                      this list

Run 'mekiki COMMAND -h' for the flags of a command.
Exit status of analyze: 0 clean, 1 suspicious, 2 phishing, 3 error.
`

// parseFlagsOnly is parseCommand for a command that takes no arguments.
func parseFlagsOnly(fs *flag.FlagSet, usage string, args []string, stdout, stderr io.Writer) (code int, done bool) {
	pos, code, done := parseCommand(fs, usage, args, stdout, stderr)
	if !done && len(pos) > 0 {
		fmt.Fprintf(stderr, "mekiki %s: takes no arguments; see 'mekiki %s -h'.\n", fs.Name(), fs.Name())
		return exitError, true
	}
	return code, done
}

// parseCommand parses a subcommand's flags (before or after its
// arguments). On -h it prints usage and the flags; on a bad flag, one
// sentence. done reports that the command should exit with code.
func parseCommand(fs *flag.FlagSet, usage string, args []string, stdout, stderr io.Writer) (pos []string, code int, done bool) {
	pos, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return nil, 0, true
	}
	if err != nil {
		fmt.Fprintf(stderr, "mekiki %s: %v; run 'mekiki %s -h' for the flags.\n", fs.Name(), err, fs.Name())
		return nil, exitError, true
	}
	return pos, 0, false
}
