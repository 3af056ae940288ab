package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/feeds"
	"github.com/mekiki/mekiki/internal/safehttp"
	"github.com/mekiki/mekiki/kb"
)

const feedsUsage = `Usage:
  mekiki feeds import [--feeds PATH] [--source NAME] FILE...   load phishing feed files into the local store
  mekiki feeds stats  [--feeds PATH]                           show what the store holds
  mekiki feeds update [--feeds PATH] [--url NAME=URL ...] [--allow-http]
                                                               download the public feeds and load them

update fetches JPCERT/CC phishurl-list (the last three monthly CSVs),
OpenPhish's community feed and URLhaus's online URLs over HTTPS — the only
command that downloads anything — or the feeds given with --url. It
fetches over HTTPS only (an http:// --url needs --allow-http), follows at
most 5 redirects and only to HTTPS, connects only to public addresses, and
refuses a feed larger than 256 MiB.

Formats (detected from the first line): the JPCERT/CC phishurl-list CSV
(date,url,brand), PhishTank's CSV (phish_id,url,…), and plain lists with one
URL per line (OpenPhish feed.txt). The store is a SQLite file, by default
%s ($MEKIKI_FEEDS overrides it).
`

func cmdFeeds(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("feeds", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	path := fs.String("feeds", feeds.DefaultPath(), "feed store `file`")
	source := fs.String("source", "", "with import: feed `name` to record (default: from the format)")
	var urls []string
	fs.Func("url", "with update: a feed to fetch as `NAME=URL` (repeatable; replaces the defaults)", func(v string) error {
		if !strings.Contains(v, "=") {
			return fmt.Errorf("--url takes NAME=URL")
		}
		urls = append(urls, v)
		return nil
	})
	timeout := fs.Duration("timeout", 2*time.Minute, "with update: time allowed per download")
	allowHTTP := fs.Bool("allow-http", false, "with update: allow a --url that is plain http://")
	help := func() {
		fmt.Fprintf(stdout, feedsUsage, feeds.DefaultPath())
		fmt.Fprint(stdout, "\nFlags:\n")
		fs.SetOutput(stdout)
		fs.PrintDefaults()
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		help()
		if len(args) == 0 {
			return exitError
		}
		return 0
	}
	pos, err := parseInterleaved(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		help()
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "mekiki feeds: %v; run 'mekiki feeds -h' for the flags.\n", err)
		return exitError
	}
	switch args[0] {
	case "import":
		if len(pos) == 0 {
			fmt.Fprintln(stderr, "mekiki feeds import: give at least one feed file.")
			return exitError
		}
		st, err := feeds.Open(*path, true)
		if err != nil {
			fmt.Fprintf(stderr, "mekiki feeds import: %v\n", err)
			return exitError
		}
		defer st.Close()
		for _, name := range pos {
			f, err := os.Open(name)
			if err != nil {
				fmt.Fprintf(stderr, "mekiki feeds import: cannot open %s: %v\n", name, errors.Unwrap(err))
				return exitError
			}
			res, err := st.Import(f, name, *source)
			f.Close()
			if err != nil {
				fmt.Fprintf(stderr, "mekiki feeds import: %s: %v\n", name, err)
				return exitError
			}
			fmt.Fprintf(stdout, "%s: %d URLs imported as %q (%s format), %d lines skipped\n", name, res.Rows, res.Source, res.Format, res.Skipped)
		}
		return 0
	case "update":
		remotes := feeds.DefaultRemotes(time.Now())
		if len(urls) > 0 {
			remotes = nil
			for _, u := range urls {
				name, addr, _ := strings.Cut(u, "=")
				remotes = append(remotes, feeds.Remote{Name: name, URL: addr})
			}
		}
		policy := downloadPolicy(*allowHTTP, *timeout)
		for _, r := range remotes {
			if err := checkDownloadURL(policy, r.URL); err != nil {
				fmt.Fprintf(stderr, "mekiki feeds update: %v.\n", err)
				return exitError
			}
		}
		st, err := feeds.Open(*path, true)
		if err != nil {
			fmt.Fprintf(stderr, "mekiki feeds update: %v\n", err)
			return exitError
		}
		defer st.Close()
		failed := 0
		for _, r := range st.Update(context.Background(), safehttp.New(policy), remotes) {
			if r.Err != nil {
				failed++
				fmt.Fprintf(stderr, "mekiki feeds update: %s: %v.\n", r.Remote.URL, r.Err)
				continue
			}
			fmt.Fprintf(stdout, "%s: %d URLs loaded as %q, %d lines skipped\n", r.Remote.URL, r.Rows, r.Source, r.Skipped)
		}
		if failed == len(remotes) {
			return exitError
		}
		return 0
	case "stats":
		st, err := feeds.Open(*path, false)
		if err != nil {
			fmt.Fprintf(stderr, "mekiki feeds stats: %v\n", err)
			return exitError
		}
		defer st.Close()
		s, err := st.Stats()
		if err != nil {
			fmt.Fprintf(stderr, "mekiki feeds stats: %v\n", err)
			return exitError
		}
		fmt.Fprintf(stdout, "%s: %d entries\n", *path, s.Total)
		for _, src := range s.Sources {
			fmt.Fprintf(stdout, "  %-28s %8d URLs  %7d domains  listed %s .. %s  imported %s\n", src.Source, src.Entries, src.Domains, src.First, src.Last, src.Imported)
		}
		return 0
	}
	fmt.Fprintf(stderr, "mekiki feeds: unknown subcommand %q; use import, update or stats.\n", args[0])
	return exitError
}

// knowledgeFlags are the flags that say what an analyzer knows: the
// knowledge base and the local phishing feeds (analyze and url share them).
type knowledgeFlags struct {
	kbFile, feedsPath string
	noFeeds           bool
}

func (k *knowledgeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&k.kbFile, "kb", "", "YAML `file` that extends or overrides the built-in knowledge base")
	fs.StringVar(&k.feedsPath, "feeds", "", "phishing feed store `file` (default: "+feeds.DefaultPath()+" when it exists)")
	fs.BoolVar(&k.noFeeds, "no-feeds", false, "do not look links up in the local phishing feeds")
}

// apply loads the knowledge base into opts.KB and opens the feed store
// into opts.Feeds; the returned function closes the store.
func (k *knowledgeFlags) apply(opts *mekiki.Options) (func(), error) {
	opts.KB = kb.Default()
	if k.kbFile != "" {
		loaded, err := kb.Load(k.kbFile)
		if err != nil {
			return func() {}, err
		}
		opts.KB = loaded
	}
	store, err := openFeeds(k.feedsPath, k.noFeeds, opts.KB)
	if err != nil || store == nil {
		return func() {}, err
	}
	opts.Feeds = store
	return func() { store.Close() }, nil
}

// openFeeds opens the feed store for look-ups: the given path, or the
// default one when it exists. It returns nil when feeds are off or there
// is no store yet; an explicit path that cannot be opened is an error.
func openFeeds(path string, off bool, k *kb.KB) (*feeds.Store, error) {
	if off {
		return nil, nil
	}
	explicit := path != ""
	if !explicit {
		path = feeds.DefaultPath()
		if _, err := os.Stat(path); err != nil {
			return nil, nil
		}
	}
	st, err := feeds.Open(path, false)
	if err != nil {
		if explicit {
			return nil, err
		}
		return nil, nil
	}
	st.Shared = func(host string) bool {
		return len(k.BrandsOfDomain(host)) > 0 || k.Shortener(host) != "" || k.FreeHosting(host) != "" || k.IsClickTracker(host)
	}
	return st, nil
}
