package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"time"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/web"
)

const serveUsage = `Usage: mekiki serve [flags]

Serves the page (drop or paste a mail, see the verdict and the evidence)
and the HTTP API: POST /api/v1/analyze (raw message in the body → the
report contract), GET /healthz, GET /api/openapi.json. Listening beyond
loopback needs a token (--token or MEKIKI_TOKEN): "Authorization: Bearer
TOKEN" on the API, ?token=TOKEN once on the page.

Requests whose Host is not the listen address, localhost, a loopback
address or a name given with --allowed-host are refused (421), and so are
state-changing requests sent by a page of another site (403). At most
--max-concurrent analyses run at once; others are answered 503.

Flags:
`

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	listen := fs.String("listen", "127.0.0.1:8080", "`address` to listen on")
	token := fs.String("token", os.Getenv("MEKIKI_TOKEN"), "access `token` (default $MEKIKI_TOKEN); required beyond loopback")
	maxBytes := fs.Int64("max-size", 32<<20, "largest message accepted, in `bytes`")
	historyPath := fs.String("history", web.DefaultHistoryPath(), "SQLite `file` keeping the page's recent analyses")
	reportFrom := fs.String("report-from", os.Getenv("MEKIKI_REPORT_FROM"), "the `address` the page fills in as the sender of council reports (default $MEKIKI_REPORT_FROM)")
	noHistory := fs.Bool("no-history", false, "keep no history of analyses")
	historyMax := fs.Int64("history-max-bytes", web.DefaultHistoryMaxBytes, "`bytes` of mail the history keeps in all; the oldest analyses are dropped")
	historyEntryMax := fs.Int64("history-max-entry-bytes", web.DefaultHistoryMaxEntryBytes, "largest mail the history keeps, in `bytes`")
	maxConcurrent := fs.Int("max-concurrent", 2*runtime.NumCPU(), "analyses run at once (`n`); beyond it requests are answered 503")
	var allowedHosts []string
	fs.Func("allowed-host", "`name` (or name:port) the page and API may be reached by, besides the listen address and localhost; repeatable or comma-separated",
		func(v string) error {
			for _, name := range strings.Split(v, ",") {
				if name = strings.TrimSpace(name); name == "" || strings.ContainsAny(name, "/@?# ") {
					return fmt.Errorf("%q is not a host name", name)
				}
				allowedHosts = append(allowedHosts, name)
			}
			return nil
		})
	var af analyzerFlags
	af.register(fs)
	if code, done := parseFlagsOnly(fs, serveUsage, args, stdout, stderr); done {
		return code
	}
	host, _, err := net.SplitHostPort(*listen)
	if err != nil {
		fmt.Fprintf(stderr, "mekiki serve: --listen %q is not host:port.\n", *listen)
		return exitError
	}
	if *maxConcurrent < 1 || *historyMax < 1 || *historyEntryMax < 1 {
		fmt.Fprintln(stderr, "mekiki serve: --max-concurrent, --history-max-bytes and --history-max-entry-bytes must be at least 1.")
		return exitError
	}
	if ip := net.ParseIP(host); *token == "" && host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintln(stderr, "mekiki serve: listening beyond loopback needs a token (--token or MEKIKI_TOKEN).")
		return exitError
	}
	a, _, release, err := af.build(mekiki.Options{})
	defer release()
	if err != nil {
		fmt.Fprintf(stderr, "mekiki serve: %v.\n", err)
		return exitError
	}
	s := &web.Server{Analyzer: a, Token: *token, MaxBytes: *maxBytes, MaxConcurrent: *maxConcurrent, AllowedHosts: allowedHosts, ReportFrom: *reportFrom}
	if !*noHistory {
		h, err := web.OpenHistory(*historyPath)
		if err != nil {
			fmt.Fprintf(stderr, "mekiki serve: %v.\n", err)
			return exitError
		}
		defer h.Close()
		h.MaxBytes, h.MaxEntryBytes = *historyMax, *historyEntryMax
		s.History = h
	}
	srv := &http.Server{Addr: *listen, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute,
		WriteTimeout: time.Minute, MaxHeaderBytes: 64 << 10}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintf(stderr, "mekiki serve: cannot listen on %s: %v.\n", *listen, err)
		return exitError
	}
	// The listen address as written ("mybox:8080") is a name the server is
	// reached by; with port 0, on the port it got.
	if _, port, err := net.SplitHostPort(ln.Addr().String()); err == nil && host != "" {
		s.AllowedHosts = append(s.AllowedHosts, net.JoinHostPort(host, port))
	}
	srv.Handler = s.Handler()
	fmt.Fprintf(stdout, "mekiki serve: http://%s/\n", ln.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "mekiki serve: %v.\n", err)
		return exitError
	}
	return 0
}
