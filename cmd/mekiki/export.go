package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/export"
)

const reportUsage = `Usage: mekiki report council [--from ADDR] [--force] FILE

Writes the mail that reports FILE to フィッシング対策協議会 (` + export.CouncilAddress + `):
a short summary of the evidence, with the original attached whole. Save it
as .eml and open it in your mail program to send it. The sender is --from,
or $MEKIKI_REPORT_FROM. A mail mekiki judges clean is reported only with
--force.

Flags:
`

func cmdReport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	from := fs.String("from", os.Getenv("MEKIKI_REPORT_FROM"), "your `address`, as the sender of the report (default $MEKIKI_REPORT_FROM)")
	force := fs.Bool("force", false, "report the mail even when mekiki judges it clean")
	pos, code, done := parseCommand(fs, reportUsage, args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) != 2 || pos[0] != "council" {
		fmt.Fprintln(stderr, "mekiki report: use 'mekiki report council FILE'.")
		return exitError
	}
	sender, err := reportSender(*from)
	if err != nil {
		fmt.Fprintf(stderr, "mekiki report: %v.\n", err)
		return exitError
	}
	raw, rep, ok := readAndAnalyze(pos[1], stderr, "report")
	if !ok {
		return exitError
	}
	if rep.Verdict == "clean" && !*force {
		fmt.Fprintf(stderr, "mekiki report: mekiki judges %s clean, so it is not reported; add --force to report it anyway.\n", pos[1])
		return exitError
	}
	stdout.Write(export.CouncilReport(rep, raw, sender, time.Now()))
	return 0
}

// reportSender checks the reporter's address (export.ReportSender) and
// says which flag to give.
func reportSender(from string) (string, error) {
	sender, err := export.ReportSender(from)
	switch {
	case errors.Is(err, export.ErrNoSender):
		return "", errors.New("the report needs your address as its sender; give it with --from ADDR (or set MEKIKI_REPORT_FROM)")
	case err != nil:
		return "", fmt.Errorf("--from %v", err)
	}
	return sender, nil
}

const iocsUsage = `Usage: mekiki iocs [--format csv|stix] FILE...

Writes the indicators of the flagged messages among FILE... for a CSIRT:
CSV (type,value,verdict,subject) or a STIX 2.1 bundle.

Flags:
`

func cmdIOCs(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("iocs", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "csv", "output `format`: csv or stix")
	pos, code, done := parseCommand(fs, iocsUsage, args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) == 0 || *format != "csv" && *format != "stix" {
		fmt.Fprintln(stderr, "mekiki iocs: give message files, and --format csv or stix.")
		return exitError
	}
	var all []export.IOC
	for _, p := range pos {
		_, rep, ok := readAndAnalyze(p, stderr, "iocs")
		if !ok {
			return exitError
		}
		all = append(all, export.IOCs(rep)...)
	}
	var err error
	if *format == "stix" {
		err = export.WriteSTIX(stdout, all, time.Now())
	} else {
		err = export.WriteCSV(stdout, all)
	}
	if err != nil {
		fmt.Fprintf(stderr, "mekiki iocs: %v.\n", err)
		return exitError
	}
	return 0
}

// readAndAnalyze reads one message file and judges it offline.
func readAndAnalyze(path string, stderr io.Writer, cmd string) ([]byte, *mekiki.Report, bool) {
	raw, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "mekiki %s: cannot open %s: %v.\n", cmd, path, unwrapPath(err))
		return nil, nil, false
	}
	a, _ := mekiki.New(mekiki.Options{})
	rep, err := a.Analyze(context.Background(), bytes.NewReader(raw))
	if err != nil {
		fmt.Fprintf(stderr, "mekiki %s: %s: %v.\n", cmd, path, err)
		return nil, nil, false
	}
	return raw, rep, true
}
