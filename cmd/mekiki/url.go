package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/internal/clip"
)

const urlUsage = `Usage:
  mekiki url [flags] URL...       judge bare URLs with the link checks
  mekiki url [flags] --list FILE  measure a list: the share of URLs at least one url.* check flags

The URL is parsed and compared, never fetched. A list may be the JPCERT/CC
phishurl-list CSV (date,url,brand), a popular-domain CSV (rank,domain, judged
as https://DOMAIN/) or one URL per line; - reads standard input.

Flags:
`

type urlFlags struct {
	format, lang, list      string
	showMissed, showFlagged bool
	knowledge               knowledgeFlags
}

func cmdURL(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var f urlFlags
	fs := flag.NewFlagSet("url", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&f.format, "format", "text", "output `format`: text or json")
	fs.StringVar(&f.lang, "lang", "ja", "`language` of the text output: ja or en")
	f.knowledge.register(fs)
	fs.StringVar(&f.list, "list", "", "measure the URL list in `file` instead of judging URLs one by one")
	fs.BoolVar(&f.showMissed, "show-missed", false, "with --list: print the URLs no check flagged")
	fs.BoolVar(&f.showFlagged, "show-flagged", false, "with --list: print each flagged URL with its finding ids")
	pos, code, done := parseCommand(fs, urlUsage, args, stdout, stderr)
	if done {
		return code
	}
	if (f.list == "") == (len(pos) == 0) {
		fmt.Fprintln(stderr, "mekiki url: give URLs, or one list with --list FILE.")
		return exitError
	}
	if f.format != "text" && f.format != "json" || f.lang != "ja" && f.lang != "en" {
		fmt.Fprintln(stderr, "mekiki url: --format must be text or json and --lang ja or en.")
		return exitError
	}
	var opts mekiki.Options
	closeFeeds, err := f.knowledge.apply(&opts)
	if err != nil {
		fmt.Fprintf(stderr, "mekiki url: %v\n", err)
		return exitError
	}
	defer closeFeeds()
	a, _ := mekiki.New(opts)
	if f.list != "" {
		return measureList(a, f, opts.Feeds != nil, stdin, stdout, stderr)
	}
	type result struct {
		URL      string          `json:"url"`
		Findings []check.Finding `json:"findings"`
	}
	var results []result
	for _, u := range pos {
		results = append(results, result{URL: u, Findings: a.AnalyzeURL(u)})
	}
	if f.format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(results); err != nil {
			fmt.Fprintf(stderr, "mekiki url: %v\n", err)
			return exitError
		}
		return 0
	}
	for _, r := range results {
		fmt.Fprintln(stdout, clip.Visible(r.URL))
		if len(r.Findings) == 0 {
			fmt.Fprintln(stdout, "  "+pick(f.lang, "該当なし", "nothing found"))
		}
		for _, fd := range r.Findings {
			fmt.Fprintf(stdout, "  [%s] %s: %s\n", severityWord(f.lang, fd.Severity), fd.ID, pick(f.lang, fd.DetailJA, fd.DetailEN))
		}
	}
	return 0
}

// severityWord is a finding's severity as the text output names it:
// 高・中・低・情報 in Japanese, the id's word in English.
func severityWord(lang, sev string) string {
	if lang == "en" {
		return sev
	}
	if w, ok := map[string]string{check.High: "高", check.Medium: "中", check.Low: "低", check.Info: "情報"}[sev]; ok {
		return w
	}
	return sev
}

func pick(lang, ja, en string) string {
	if lang == "en" {
		return en
	}
	return ja
}

// listSummary is what --list measures.
type listSummary struct {
	File          string         `json:"file"`
	URLs          int            `json:"urls"`
	Flagged       int            `json:"flagged"`        // at least one url.* finding
	FlaggedMedium int            `json:"flagged_medium"` // at least one of medium or high severity
	Findings      map[string]int `json:"findings"`       // id → URLs it fired on
	Feeds         bool           `json:"feeds"`          // a feed store was consulted
}

func measureList(a *mekiki.Analyzer, f urlFlags, feedsOn bool, stdin io.Reader, stdout, stderr io.Writer) int {
	var r io.Reader = stdin
	if f.list != "-" {
		file, err := os.Open(f.list)
		if err != nil {
			fmt.Fprintf(stderr, "mekiki url: cannot open %s: %v.\n", f.list, errors.Unwrap(err))
			return exitError
		}
		defer file.Close()
		r = file
	}
	sum := listSummary{File: f.list, Findings: map[string]int{}, Feeds: feedsOn}
	err := eachListURL(r, func(u string) {
		fs := a.AnalyzeURL(u)
		sum.URLs++
		if len(fs) == 0 {
			if f.showMissed {
				fmt.Fprintln(stdout, "missed", u)
			}
			return
		}
		sum.Flagged++
		medium := false
		ids := make([]string, 0, len(fs))
		for _, fd := range fs {
			sum.Findings[string(fd.ID)]++
			medium = medium || fd.Severity == check.Medium || fd.Severity == check.High
			ids = append(ids, string(fd.ID)+"@"+fd.Severity)
		}
		if medium {
			sum.FlaggedMedium++
		}
		if f.showFlagged {
			fmt.Fprintln(stdout, "flagged", u, strings.Join(ids, " "))
		}
	})
	if err != nil {
		fmt.Fprintf(stderr, "mekiki url: %s: %v\n", f.list, err)
		return exitError
	}
	if f.format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
			return exitError
		}
		return 0
	}
	pct := func(n int) float64 {
		if sum.URLs == 0 {
			return 0
		}
		return 100 * float64(n) / float64(sum.URLs)
	}
	if f.lang == "en" {
		fmt.Fprintf(stdout, "%s: %d URLs; flagged by at least one url.* check: %d (%.1f%%); at medium or high severity: %d (%.1f%%); feeds %s\n",
			sum.File, sum.URLs, sum.Flagged, pct(sum.Flagged), sum.FlaggedMedium, pct(sum.FlaggedMedium), map[bool]string{true: "on", false: "off"}[sum.Feeds])
	} else {
		fmt.Fprintf(stdout, "%s：URL %d 件。url.* の検査のどれかに当たったもの %d 件（%.1f%%）、中以上 %d 件（%.1f%%）。フィード照合：%s\n",
			sum.File, sum.URLs, sum.Flagged, pct(sum.Flagged), sum.FlaggedMedium, pct(sum.FlaggedMedium), map[bool]string{true: "あり", false: "なし"}[sum.Feeds])
	}
	ids := make([]string, 0, len(sum.Findings))
	for id := range sum.Findings {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return sum.Findings[ids[i]] > sum.Findings[ids[j]] })
	for _, id := range ids {
		fmt.Fprintf(stdout, "  %-28s %7d (%.1f%%)\n", id, sum.Findings[id], pct(sum.Findings[id]))
	}
	return 0
}

// eachListURL calls fn for every URL of a list: a CSV with a url or domain
// column (domains become https://DOMAIN/), or one URL per line.
func eachListURL(r io.Reader, fn func(string)) error {
	br := bufio.NewReaderSize(r, 1<<16)
	head, _ := br.Peek(256)
	first := strings.ToLower(strings.TrimPrefix(string(head), "\ufeff"))
	if i := strings.IndexAny(first, "\r\n"); i >= 0 {
		first = first[:i]
	}
	cols := strings.Split(first, ",")
	urlCol, domainCol := -1, -1
	for i, c := range cols {
		switch strings.TrimSpace(c) {
		case "url":
			urlCol = i
		case "domain":
			domainCol = i
		}
	}
	if urlCol < 0 && domainCol < 0 {
		sc := bufio.NewScanner(br)
		sc.Buffer(make([]byte, 0, 4096), 64<<10)
		for sc.Scan() {
			if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
				fn(line)
			}
		}
		return sc.Err()
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	if _, err := cr.Read(); err != nil {
		return err
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			continue
		}
		switch {
		case urlCol >= 0 && urlCol < len(rec):
			fn(strings.TrimSpace(rec[urlCol]))
		case domainCol >= 0 && domainCol < len(rec):
			fn("https://" + strings.TrimSpace(rec[domainCol]) + "/")
		}
	}
}
