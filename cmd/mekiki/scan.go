package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/scan"
)

const scanUsage = `Usage: mekiki scan [flags] PATH|imap://user@host/Folder ...

PATH: message files, directories (recursive; Maildir cur/new), mbox files
(mboxo/mboxrd, also .gz). IMAP: imaps://user@host/INBOX, or imap://… with
STARTTLS (?tls=none on loopback only), ?since=2026-11-01; the folder is
opened read-only. The password comes from MEKIKI_IMAP_PASSWORD (and
MEKIKI_IMAP_USER) or a netrc file, never from the command line.

Actions are a dry run unless --apply is given; nothing is ever deleted.
--keyword works on an IMAP folder only; --move-to on IMAP or a Maildir,
whose move target (.Folder) the scan never walks into.

Exit status: 0 nothing flagged, 1 suspicious mail found, 2 phishing found,
3 error (bad flags, an action the target cannot take, or no message could
be read at all).

Flags:
`

// scanMemoryLimit is the heap the garbage collector aims to stay under
// during a scan.
const scanMemoryLimit = 128 << 20

func cmdScan(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "text", "output `format`: text (flagged messages and a summary) or jsonl (one report per message)")
	lang := fs.String("lang", "ja", "`language` of the text output: ja or en")
	only := fs.String("only", "", "list only `verdict`s: phishing, or suspicious (suspicious and phishing)")
	campaigns := fs.Bool("campaigns", false, "group flagged messages into campaigns by shared links, paths, origin IP, Return-Path or text")
	iocs := fs.String("iocs", "", "write the IOCs of flagged messages to this CSV `file`")
	workers := fs.Int("workers", 0, "analyses in parallel (default: all cores)")
	progress := fs.String("progress", "auto", "progress line on standard error: auto (terminal only), always or never")
	netrc := fs.String("netrc", "", "netrc `file` with IMAP credentials (default ~/.netrc)")
	imapCA := fs.String("imap-ca", "", "PEM `file` of a CA to trust for the IMAP server's certificate, besides the system's")
	var act scan.Actions
	fs.StringVar(&act.MoveTo, "move-to", "", "move flagged messages to this `folder` (IMAP folder, or Maildir++ .Folder)")
	fs.StringVar(&act.Keyword, "keyword", "", "set this IMAP `keyword` on flagged messages (e.g. $Phishing; imap:// only)")
	fs.StringVar(&act.On, "act-on", "phishing", "which messages the actions touch: phishing, or suspicious (suspicious and phishing)")
	fs.BoolVar(&act.Apply, "apply", false, "carry the actions out (default: print what would be done)")
	var af analyzerFlags
	af.register(fs)
	pos, code, done := parseCommand(fs, scanUsage, args, stdout, stderr)
	if done {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "mekiki scan: "+format+"\n", a...)
		return exitError
	}
	switch {
	case len(pos) == 0:
		return fail("give at least one file, directory, mbox or imap:// URL.")
	case *format != "text" && *format != "jsonl":
		return fail("--format must be text or jsonl, not %q.", *format)
	case *only != "" && *only != "phishing" && *only != "suspicious":
		return fail("--only must be phishing or suspicious, not %q.", *only)
	case *lang != "ja" && *lang != "en":
		return fail("--lang must be ja or en, not %q.", *lang)
	case act.On != "phishing" && act.On != "suspicious":
		return fail("--act-on must be phishing or suspicious, not %q.", act.On)
	}
	act.Lang = *lang
	var paths scan.Paths
	var box *scan.IMAP
	for _, p := range pos {
		if strings.HasPrefix(p, "imap://") || strings.HasPrefix(p, "imaps://") {
			if box != nil {
				return fail("scan one IMAP folder at a time.")
			}
			b, err := scan.ParseIMAPURL(p)
			if err != nil {
				return fail("%v.", err)
			}
			if err := b.Credentials(*netrc); err != nil {
				return fail("%v.", err)
			}
			b.CAFile = *imapCA
			box = b
			continue
		}
		if _, err := os.Stat(p); err != nil {
			return fail("cannot open %s: %v.", p, unwrapPath(err))
		}
		paths = append(paths, p)
	}
	// An action the target cannot take fails now, not after the scan.
	if act.Keyword != "" && len(paths) > 0 {
		return fail("--keyword sets an IMAP keyword and works on an imap:// folder only; for files, mbox or a Maildir use --move-to.")
	}
	if box != nil && act.MoveTo != "" && strings.EqualFold(strings.Trim(act.MoveTo, "/"), strings.Trim(box.Mailbox, "/")) {
		return fail("--move-to %s is the folder being scanned; name another folder.", act.MoveTo)
	}
	a, opts, release, err := af.build(mekiki.Options{})
	defer release()
	if err != nil {
		return fail("%v.", err)
	}
	var sources []scan.Source
	if len(paths) > 0 {
		// The Maildir++ folder the actions move to is left out: a second
		// run must not judge, and move again, what the first one moved.
		sources = append(sources, scan.Tree{Paths: paths, MoveTo: act.MoveTo})
	}
	if box != nil {
		if err := box.Connect(); err != nil {
			return fail("%v.", err)
		}
		defer box.Close()
		sources = append(sources, box)
	}

	// A scan's working set is a few messages per core plus the campaign
	// index; a soft limit makes the collector keep the heap near it
	// instead of letting it double (GOMEMLIMIT, when set, wins).
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(scanMemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	sum := scan.NewSummary()
	var camps *scan.Campaigns
	if *campaigns {
		camps = scan.NewCampaigns(opts.KB)
	}
	var iocRows [][]string
	enc := json.NewEncoder(stdout)
	showProgress := *progress == "always" || *progress == "auto" && isTerminal(stderr)
	prog := newProgressLine(stderr, showProgress)
	if showProgress {
		prog.totalBytes = plainBytes(paths)
	}
	emit := func(r scan.Result) {
		sum.Add(r)
		prog.tick(sum.Messages, sum.Bytes)
		act.Note(r)
		if camps != nil {
			camps.Add(r)
		}
		if r.Report != nil && r.Report.Verdict != "clean" && *iocs != "" {
			iocRows = append(iocRows, iocLines(r)...)
		}
		if !listed(r, *only, *format) {
			return
		}
		prog.clear()
		if *format == "jsonl" {
			enc.Encode(r)
			return
		}
		scan.WriteResult(stdout, r, *lang)
	}
	var runErr error
	for _, src := range sources {
		if runErr = scan.Run(ctx, a, src, *workers, emit); runErr != nil {
			break
		}
	}
	prog.clear()
	interrupted := ctx.Err() != nil
	if runErr != nil && !interrupted {
		return fail("%v.", runErr)
	}
	if *format == "text" {
		sum.WriteTextIn(stdout, *lang)
	}
	if camps != nil {
		groups := camps.Groups()
		if *format == "jsonl" {
			enc.Encode(map[string]any{"campaigns": groups})
		} else {
			scan.WriteCampaignsIn(stdout, groups, *lang)
		}
	}
	if *iocs != "" {
		if err := writeIOCs(*iocs, iocRows); err != nil {
			return fail("%v.", err)
		}
	}
	if interrupted {
		fmt.Fprintf(stderr, "mekiki scan: interrupted after %d messages; the summary covers those. No action was taken.\n", sum.Messages)
		return exitError
	}
	if sum.Messages > 0 && sum.Errors == sum.Messages {
		return fail("none of the %d messages could be read; nothing was judged.", sum.Messages)
	}
	actOut := stdout
	if *format == "jsonl" {
		actOut = stderr
	}
	if err := act.Run(actOut, box); err != nil {
		return fail("%v.", err)
	}
	if sum.Verdicts["phishing"] > 0 {
		return 2
	}
	if sum.Verdicts["suspicious"] > 0 {
		return 1
	}
	return 0
}

// listed decides whether a result is printed: in text, flagged messages
// and errors; in jsonl, every message; --only narrows both.
func listed(r scan.Result, only, format string) bool {
	if r.Report == nil {
		return only == ""
	}
	v := r.Report.Verdict
	switch only {
	case "phishing":
		return v == "phishing"
	case "suspicious":
		return v != "clean"
	}
	return format == "jsonl" || v != "clean"
}

// iocLines are the CSV rows of one flagged message.
func iocLines(r scan.Result) [][]string {
	loc := r.Loc.String()
	var rows [][]string
	io := r.Report.IOCs
	for _, u := range io.URLs {
		rows = append(rows, []string{"url", u, r.Report.Verdict, loc})
	}
	for _, d := range io.Domains {
		rows = append(rows, []string{"domain", d, r.Report.Verdict, loc})
	}
	for _, ip := range io.IPs {
		rows = append(rows, []string{"ip", ip, r.Report.Verdict, loc})
	}
	for _, e := range io.Emails {
		rows = append(rows, []string{"email", e, r.Report.Verdict, loc})
	}
	for _, at := range io.Attachments {
		rows = append(rows, []string{"sha256", at.SHA256, r.Report.Verdict, loc})
	}
	for _, w := range io.Wallets {
		rows = append(rows, []string{w.Currency, w.Address, r.Report.Verdict, loc})
	}
	return rows
}

func writeIOCs(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"type", "value", "verdict", "message"})
	w.WriteAll(rows)
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// progressLine is a one-line progress display on a terminal: count,
// messages per second, elapsed time, and the time left when the size of
// the mail is known (plain files; not IMAP or gzip'd mbox).
type progressLine struct {
	w          io.Writer
	on         bool
	start      time.Time
	mu         sync.Mutex
	last       time.Time
	totalBytes int64
}

func newProgressLine(w io.Writer, on bool) *progressLine {
	return &progressLine{w: w, on: on, start: time.Now()}
}

func (p *progressLine) tick(n int, done int64) {
	if !p.on || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.last = time.Now()
	el := time.Since(p.start)
	eta := ""
	if p.totalBytes > 0 && done > 0 && done < p.totalBytes {
		left := time.Duration(float64(el) * float64(p.totalBytes-done) / float64(done))
		eta = fmt.Sprintf(", %d%%, about %s left", 100*done/p.totalBytes, left.Round(time.Second))
	}
	fmt.Fprintf(p.w, "\r\x1b[K%d messages, %.0f msgs/s, %s%s", n, float64(n)/el.Seconds(), el.Round(time.Second), eta)
}

func (p *progressLine) clear() {
	if p.on {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// plainBytes sums the sizes of the files under paths, or returns 0 when
// any is compressed (its mail is larger than the file).
func plainBytes(paths []string) int64 {
	var total int64
	for _, root := range paths {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if strings.HasSuffix(p, ".gz") {
				return errors.New("compressed")
			}
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
			return nil
		})
		if err != nil {
			return 0
		}
	}
	return total
}

// unwrapPath drops the path an *os.PathError repeats.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
