package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/mekiki/mekiki/mail"
	"github.com/mekiki/mekiki/show"
)

const showUsage = `Usage: mekiki show [flags] FILE|-

Shows the mail decoded, as a mail program would: every header, the MIME
parts with their text, the HTML's visible and hidden text, the links with
where they really lead, the attachments with their real type and SHA-256,
and what had to be repaired. Nothing is judged, fetched or opened.

Flags:
`

func cmdShow(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "text", "output `format`: text or json")
	lang := fs.String("lang", "ja", "`language` of the text view: ja or en")
	var lim mail.Limits
	fs.Int64Var(&lim.MaxSize, "max-size", mail.DefaultLimits.MaxSize, "read at most this many `bytes` of the message")
	pos, code, done := parseCommand(fs, showUsage, args, stdout, stderr)
	if done {
		return code
	}
	switch {
	case len(pos) != 1:
		fmt.Fprintln(stderr, "mekiki show: give exactly one message file, or - for standard input.")
		return exitError
	case *format != "text" && *format != "json":
		fmt.Fprintf(stderr, "mekiki show: --format must be text or json, not %q.\n", *format)
		return exitError
	case *lang != "ja" && *lang != "en":
		fmt.Fprintf(stderr, "mekiki show: --lang must be ja or en, not %q.\n", *lang)
		return exitError
	}
	in, name, closeIn, ok := openMessage("show", pos[0], stdin, stderr, "give one message file")
	if !ok {
		return exitError
	}
	defer closeIn()
	v, err := show.Read(context.Background(), in, lim, nil)
	if err != nil {
		fmt.Fprintf(stderr, "mekiki show: %s: %v.\n", name, err)
		return exitError
	}
	if *format == "json" {
		err = show.JSON(stdout, v)
	} else {
		err = show.Text(stdout, v, *lang)
	}
	if err != nil {
		fmt.Fprintf(stderr, "mekiki show: cannot write the view: %v.\n", err)
		return exitError
	}
	return 0
}
