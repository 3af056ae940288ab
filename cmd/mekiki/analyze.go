package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/mail"
	"github.com/mekiki/mekiki/report"
)

type analyzeFlags struct {
	format, lang, trusted, servID, color string
	limits                               mail.Limits
	knowledge                            knowledgeFlags
	online                               onlineFlags
}

func newAnalyzeFlagSet(f *analyzeFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&f.format, "format", "text", "output `format`: text or json (the report contract)")
	fs.StringVar(&f.lang, "lang", "ja", "`language` of the text report: ja or en")
	f.knowledge.register(fs)
	f.online.register(fs)
	fs.StringVar(&f.trusted, "trusted-hosts", "", "comma-separated IPs, CIDR prefixes or host name suffixes of your own relays")
	fs.StringVar(&f.servID, "authserv-id", "", "authserv-id of your receiving server's Authentication-Results (default: the top-most one)")
	fs.StringVar(&f.color, "color", "auto", "colour the text report: auto (terminal, unless NO_COLOR is set), always or never")
	fs.Int64Var(&f.limits.MaxSize, "max-size", mail.DefaultLimits.MaxSize, "read at most this many `bytes` of the message")
	fs.IntVar(&f.limits.MaxDepth, "max-depth", mail.DefaultLimits.MaxDepth, "maximum MIME nesting `depth`")
	fs.IntVar(&f.limits.MaxParts, "max-parts", mail.DefaultLimits.MaxParts, "maximum number of MIME `parts`")
	fs.Int64Var(&f.limits.MaxPartSize, "max-part-size", mail.DefaultLimits.MaxPartSize, "keep at most this many decoded `bytes` per part")
	fs.IntVar(&f.limits.MaxLinks, "max-links", mail.DefaultLimits.MaxLinks, "analyse at most this many distinct `links` per message")
	return fs
}

// parseInterleaved parses flags that may stand before or after the
// positional arguments ("mekiki analyze mail.eml --format json").
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func cmdAnalyze(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var f analyzeFlags
	fs := newAnalyzeFlagSet(&f)
	pos, code, done := parseCommand(fs, "Usage: mekiki analyze [flags] FILE|-\n\nFlags:\n", args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) > 1 {
		fmt.Fprintln(stderr, "mekiki analyze: judges one message; to judge several, run 'mekiki scan' on them.")
		return exitError
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "mekiki analyze: give exactly one message file, or - for standard input.")
		return exitError
	}
	if f.format != "text" && f.format != "json" {
		fmt.Fprintf(stderr, "mekiki analyze: --format must be text or json, not %q.\n", f.format)
		return exitError
	}
	if f.lang != "ja" && f.lang != "en" {
		fmt.Fprintf(stderr, "mekiki analyze: --lang must be ja or en, not %q.\n", f.lang)
		return exitError
	}
	if f.color != "auto" && f.color != "always" && f.color != "never" {
		fmt.Fprintf(stderr, "mekiki analyze: --color must be auto, always or never, not %q.\n", f.color)
		return exitError
	}
	in, name, closeIn, ok := openMessage("analyze", pos[0], stdin, stderr, fmt.Sprintf("judge the messages in it with 'mekiki scan %s'", pos[0]))
	if !ok {
		return exitError
	}
	defer closeIn()
	in, err := oneMessage(in, f.limits.WithDefaults().MaxSize)
	if err != nil {
		scanWhat := "save it to a file and judge every message with 'mekiki scan FILE'"
		if pos[0] != "-" {
			scanWhat = fmt.Sprintf("judge every message with 'mekiki scan %s'", pos[0])
		}
		fmt.Fprintf(stderr, "mekiki analyze: %s %v; %s.\n", name, err, scanWhat)
		return exitError
	}
	opts := mekiki.Options{Limits: f.limits, TrustedHosts: commaList(f.trusted), AuthServID: f.servID}
	closeFeeds, err := f.knowledge.apply(&opts)
	if err != nil {
		fmt.Fprintf(stderr, "mekiki analyze: %v\n", err)
		return exitError
	}
	defer closeFeeds()
	closeGeo, err := f.online.apply(&opts)
	defer closeGeo()
	if err != nil {
		fmt.Fprintf(stderr, "mekiki analyze: %v.\n", err)
		return exitError
	}
	a, err := mekiki.New(opts)
	if err != nil {
		fmt.Fprintf(stderr, "mekiki analyze: %v\n", err)
		return exitError
	}
	rep, err := a.Analyze(context.Background(), in)
	if err != nil {
		fmt.Fprintf(stderr, "mekiki analyze: %s: %v.\n", name, err)
		return exitError
	}
	if f.format == "json" {
		err = report.JSON(stdout, rep)
	} else {
		err = report.Text(stdout, rep, report.TextOptions{Lang: f.lang, Color: useColor(f.color, stdout), KB: opts.KB})
	}
	if err != nil {
		fmt.Fprintf(stderr, "mekiki analyze: cannot write the report: %v.\n", err)
		return exitError
	}
	switch rep.Verdict {
	case "phishing":
		return 2
	case "suspicious":
		return 1
	}
	return 0
}

// useColor decides on ANSI colours: never when NO_COLOR is set (and not
// forced), only on a terminal in auto mode.
func useColor(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	return isTerminal(w)
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// oneMessage refuses input that holds more than one message, which
// analyze would otherwise judge by its first message alone (an mbox of
// 25 phishing mails read as one "clean" mail): an mbox with a second
// message, or a gzip-compressed file (an mbox, as scan reads them). It
// returns a reader of the same bytes. Only the start of the input, at
// most maxSize bytes as the parser reads, is looked at, and only when
// it starts like an mbox. A regular file that does not is returned as
// it is, so that the parser still sizes its buffer from the file.
func oneMessage(r io.Reader, maxSize int64) (io.Reader, error) {
	var head []byte
	if f, ok := r.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			head = make([]byte, 5)
			n, _ := f.ReadAt(head, 0)
			head = head[:n]
		}
	}
	if head == nil {
		br := bufio.NewReader(r)
		head, _ = br.Peek(5)
		r = br
	}
	if bytes.HasPrefix(head, []byte{0x1f, 0x8b}) {
		return nil, errors.New("is gzip-compressed (a compressed mailbox, not one message)")
	}
	if string(head) != "From " {
		return r, nil
	}
	start, err := io.ReadAll(io.LimitReader(r, maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot be read: %w", err)
	}
	if n := mboxMessages(start); n > 1 {
		more := ""
		if int64(len(start)) > maxSize {
			more = "at least "
		}
		return nil, fmt.Errorf("is an mbox of %s%d messages, and analyze judges one", more, n)
	}
	return io.MultiReader(bytes.NewReader(start), r), nil
}

// mboxMessages counts the messages of an mbox that begins with its
// envelope line: a message starts at a "From " line that opens the file
// or follows an empty line, and is followed by a header field. A body
// line "From here on…" in a single saved message is not one; scan splits
// wherever this finds a message.
func mboxMessages(b []byte) int {
	n := 0
	for pos := 0; pos < len(b); {
		if bytes.HasPrefix(b[pos:], []byte("From ")) && (pos == 0 || blankBefore(b, pos)) && headerFieldAt(b, pos) {
			n++
		}
		i := bytes.IndexByte(b[pos:], '\n')
		if i < 0 {
			break
		}
		pos += i + 1
	}
	return n
}

// blankBefore reports whether the line at pos follows an empty line.
func blankBefore(b []byte, pos int) bool {
	prev := bytes.TrimSuffix(b[:pos-1], []byte("\r"))
	return len(prev) == 0 || prev[len(prev)-1] == '\n'
}

// headerFieldAt reports whether the line after the one at pos starts
// with a header field name and a colon.
func headerFieldAt(b []byte, pos int) bool {
	i := bytes.IndexByte(b[pos:], '\n')
	if i < 0 {
		return false
	}
	next := b[pos+i+1:]
	for j, c := range next {
		switch {
		case c == ':':
			return j > 0
		case c <= ' ' || c > '~':
			return false
		}
	}
	return false
}
