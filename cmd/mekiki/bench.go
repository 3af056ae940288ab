package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/bench"
	"github.com/mekiki/mekiki/eval"
	"github.com/mekiki/mekiki/mailbox"
)

func cmdBench(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "text", "output `format`: text or json")
	cores := fs.String("cores", "both", "`which` runs: 1, all, or both")
	passes := fs.Int("passes", 1, "read the mail this many `times` per run (for small sets)")
	pos, code, done := parseCommand(fs, "Usage: mekiki bench [flags] PATH...\n\nPATH: message files, directories, mbox files (also .gz), or a manifest (.tsv).\nFeeds are off; nothing is looked up online.\n\nFlags:\n", args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) == 0 {
		fmt.Fprintln(stderr, "mekiki bench: give at least one file, directory, mbox or manifest.")
		return exitError
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "mekiki bench: --format must be text or json, not %q.\n", *format)
		return exitError
	}
	var runs []int
	switch *cores {
	case "1":
		runs = []int{1}
	case "all":
		runs = []int{runtime.NumCPU()}
	case "both":
		runs = []int{1, runtime.NumCPU()}
	default:
		fmt.Fprintf(stderr, "mekiki bench: --cores must be 1, all or both, not %q.\n", *cores)
		return exitError
	}
	if *passes < 1 {
		fmt.Fprintln(stderr, "mekiki bench: --passes must be at least 1.")
		return exitError
	}
	src, err := benchSource(pos, *passes)
	if err != nil {
		fmt.Fprintf(stderr, "mekiki bench: %v.\n", err)
		return exitError
	}
	a, err := mekiki.New(mekiki.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "mekiki bench: %v.\n", err)
		return exitError
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var results []bench.Result
	for _, n := range runs {
		r, err := bench.Run(ctx, a, src, n)
		if err != nil {
			fmt.Fprintf(stderr, "mekiki bench: %v.\n", err)
			return exitError
		}
		results = append(results, r)
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(results)
		return 0
	}
	fmt.Fprintf(stdout, "%-6s %9s %10s %9s %8s %9s %11s %12s %10s\n", "cores", "messages", "MB", "seconds", "msgs/s", "MB/s", "allocs/msg", "KB alloc/msg", "peak RSS")
	for _, r := range results {
		fmt.Fprintf(stdout, "%-6d %9d %10.1f %9.2f %8.0f %9.1f %11.0f %12.1f %8.0f MB\n", r.Cores, r.Messages, float64(r.Bytes)/1e6,
			r.Seconds, r.MsgsPerSec, r.MBPerSec, r.AllocsPerMsg, r.AllocBytesMsg/1024, float64(r.PeakRSS)/(1<<20))
		if r.Errors > 0 {
			fmt.Fprintf(stdout, "       (%d messages could not be analysed)\n", r.Errors)
		}
	}
	return 0
}

// benchSource streams the messages named by paths: a manifest (.tsv)
// lists files; anything else is walked as mail (files, directories,
// mbox). The check that every path exists happens here, before timing.
func benchSource(paths []string, passes int) (bench.Source, error) {
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("cannot open %s: %w", p, errors.Unwrap(err))
		}
	}
	var items []eval.Item
	var mail []string
	for _, p := range paths {
		if strings.HasSuffix(p, ".tsv") {
			its, err := eval.ReadManifest(p)
			if err != nil {
				return nil, err
			}
			items = append(items, its...)
			continue
		}
		mail = append(mail, p)
	}
	return func(ctx context.Context, fn func([]byte) error) error {
		for range passes {
			for _, it := range items {
				data, err := os.ReadFile(it.File)
				if err != nil {
					continue
				}
				if err := fn(data); err != nil {
					return err
				}
			}
			if len(mail) > 0 {
				if err := mailbox.Walk(ctx, mail, 0, func(m *mailbox.Message) error { return fn(m.Data) }); err != nil {
					return err
				}
			}
		}
		return nil
	}, nil
}
