package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/milter"
	"github.com/mekiki/mekiki/online"
)

const milterUsage = `Usage: mekiki milter [flags]

A Postfix milter: judges every message at end of data with its
SMTP envelope, adds X-Mekiki-Verdict, X-Mekiki-Score and X-Mekiki-Findings,
and tags the subject, holds (Postfix hold queue) or rejects (550 5.7.1) as
the policy says. When the full analysis fails, times out or finds no free
slot, a light analysis (header, origin, authentication results and links
only) judges the message, marked X-Mekiki-Analysis: light, and the policy
applies to its verdict; only when that fails too does the message pass
untouched (--fail-closed: 451 4.7.1). Connections on which the MTA sends
nothing for --idle-timeout are closed, and at --max-connections the one
idle the longest is closed to admit a new one.

Authentication: the milter is the receiving server. It verifies SPF (the
client's IP for MAIL FROM and HELO), every DKIM signature and DMARC with
alignment itself, through the system's resolver or --resolver with an
in-memory cache, within --verify-deadline (a DNS server that does not
answer gives temperror, never fail), and writes one
Authentication-Results: <--authserv-id>; spf=…; dkim=…; dmarc=… on top of
the message, after removing the fields the message brought with that id.
--no-verify trusts the Authentication-Results an upstream OpenDKIM or
OpenDMARC wrote with --authserv-id instead.

Internal mail: a client that signed in ({auth_authen}), that came in on a
submission service ({daemon_name} in --submission-daemons) or that is one
of --trusted-hosts is the organisation's own: no own-domain spoof, no
outside origin; content and link checks still run.

Postfix (main.cf):
  smtpd_milters = inet:127.0.0.1:11330
  milter_default_action = accept

Signals: SIGHUP reloads the policy file and the knowledge (feeds, --kb);
SIGTERM or SIGINT stops taking connections and lets the messages being
judged finish (--grace). Logs are JSON lines on standard error.

Flags:
`

type milterFlags struct {
	listen, policy, metrics, logLevel string
	phishing, suspicious, prefix      string
	rejectReason, trusted, servID     string
	timeout, lightTimeout, grace      time.Duration
	idleTimeout, verifyDeadline       time.Duration
	failClosed, noVerify              bool
	submission                        string
	maxConcurrent, maxConns, maxSize  int
	maxBuffered                       int64
	analyzer                          analyzerFlags
}

func cmdMilter(args []string, stdout, stderr io.Writer) int {
	var f milterFlags
	fs := flag.NewFlagSet("milter", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&f.listen, "listen", "inet:127.0.0.1:11330", "`socket`: unix:/path or inet:host:port")
	fs.StringVar(&f.policy, "policy", "", "policy `file` (YAML: actions by verdict, per recipient domain, allow-lists; see deploy/mekiki-milter.yaml)")
	fs.StringVar(&f.phishing, "phishing", "", "`action` for phishing: none, tag, hold or reject (default tag; overrides the policy file)")
	fs.StringVar(&f.suspicious, "suspicious", "", "`action` for suspicious mail (default none; overrides the policy file)")
	fs.StringVar(&f.prefix, "subject-prefix", "", "subject `prefix` of tagged mail (default "+milter.DefaultSubjectPrefix+")")
	fs.StringVar(&f.rejectReason, "reject-reason", "", "`text` after 550 5.7.1 when rejecting (ASCII)")
	fs.DurationVar(&f.timeout, "timeout", milter.DefaultTimeout, "time allowed for the full analysis of one message, waiting for a slot included; past it a light analysis judges it")
	fs.DurationVar(&f.lightTimeout, "light-timeout", 0, "time allowed for the light analysis when the full one did not finish; past it the message passes (default a quarter of --timeout)")
	fs.BoolVar(&f.failClosed, "fail-closed", false, "tempfail (451 4.7.1) messages that neither analysis could judge instead of passing them")
	fs.IntVar(&f.maxConcurrent, "max-concurrent", 0, "full analyses at once, and light ones apart from them (default 4 per CPU)")
	fs.IntVar(&f.maxConns, "max-connections", 1024, "open connections from the MTA; past it the longest-idle one is closed for the new one")
	fs.DurationVar(&f.idleTimeout, "idle-timeout", milter.DefaultIdleTimeout, "close a connection on which the MTA sent nothing for this long (libmilter's default), 0: never")
	fs.IntVar(&f.maxSize, "max-size", milter.DefaultMaxSize, "`bytes` of a message kept for the analysis (the message itself passes whole)")
	fs.Int64Var(&f.maxBuffered, "max-buffered", milter.DefaultMaxBuffered, "`bytes` kept for analysis across all connections; past it messages are judged on what was kept")
	fs.StringVar(&f.metrics, "metrics", "", "serve Prometheus /metrics on this `address` (host:port; off when empty)")
	fs.StringVar(&f.logLevel, "log-level", "info", "`level` of the JSON log: debug, info, warn or error")
	fs.DurationVar(&f.grace, "grace", 30*time.Second, "on shutdown, time the messages being judged may take")
	fs.StringVar(&f.trusted, "trusted-hosts", "", "comma-separated IPs, CIDR prefixes or host name suffixes of your own relays")
	fs.StringVar(&f.servID, "authserv-id", "", "`id` of the Authentication-Results the milter writes (and removes forged copies of); with --no-verify, the id of the upstream results trusted (default the host name)")
	fs.BoolVar(&f.noVerify, "no-verify", false, "do not verify SPF, DKIM and DMARC; trust the Authentication-Results an upstream OpenDKIM/OpenDMARC wrote with --authserv-id")
	fs.DurationVar(&f.verifyDeadline, "verify-deadline", 2*time.Second, "time allowed for the SPF, DKIM and DMARC look-ups of one message; past it, temperror")
	fs.StringVar(&f.submission, "submission-daemons", strings.Join(milter.DefaultSubmissionDaemons, ","), "comma-separated {daemon_name} `values` of submission services (master.cf service names or -o milter_macro_daemon_name=…), whose mail is internal")
	f.analyzer.register(fs)
	fs.Lookup("resolver").Usage = "DNS server `host:port` for the SPF, DKIM and DMARC verification and, with --online, every look-up (default: the system's)"
	if code, done := parseFlagsOnly(fs, milterUsage, args, stdout, stderr); done {
		return code
	}
	if f.lightTimeout < 0 || f.idleTimeout < 0 {
		fmt.Fprintf(stderr, "mekiki milter: --light-timeout and --idle-timeout cannot be negative.\n")
		return exitError
	}
	if f.servID == "" {
		f.servID = milter.DefaultAuthServID()
	}
	if !milter.ValidAuthServID(f.servID) {
		fmt.Fprintf(stderr, "mekiki milter: --authserv-id %q is not a host-name-like token.\n", f.servID)
		return exitError
	}
	if !f.noVerify && f.verifyDeadline <= 0 {
		fmt.Fprintf(stderr, "mekiki milter: --verify-deadline must be positive.\n")
		return exitError
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(f.logLevel)); err != nil {
		fmt.Fprintf(stderr, "mekiki milter: --log-level %q is not debug, info, warn or error.\n", f.logLevel)
		return exitError
	}
	logger := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))
	// The milter library logs through the standard logger: into the JSON too.
	slog.SetDefault(logger)

	policy, err := f.loadPolicy()
	if err != nil {
		fmt.Fprintf(stderr, "mekiki milter: %v.\n", err)
		return exitError
	}
	a, release, err := f.buildAnalyzer()
	if err != nil {
		release()
		fmt.Fprintf(stderr, "mekiki milter: %v.\n", err)
		return exitError
	}
	network, address, err := milterSocket(f.listen)
	if err != nil {
		release()
		fmt.Fprintf(stderr, "mekiki milter: %v.\n", err)
		return exitError
	}
	if network == "unix" {
		// A socket left by a milter that died is in the way; anything else
		// at that path is not ours to remove.
		if fi, err := os.Lstat(address); err == nil && fi.Mode()&os.ModeSocket != 0 {
			if c, err := net.Dial("unix", address); err == nil {
				c.Close()
				release()
				fmt.Fprintf(stderr, "mekiki milter: another process answers on %s.\n", address)
				return exitError
			}
			os.Remove(address)
		}
	}
	ln, err := net.Listen(network, address)
	if err != nil {
		release()
		fmt.Fprintf(stderr, "mekiki milter: cannot listen on %s: %v.\n", f.listen, err)
		return exitError
	}
	if network == "unix" {
		// Postfix's smtpd runs as the postfix user.
		os.Chmod(address, 0o666)
	}
	metrics := milter.NewMetrics()
	var metricsSrv *http.Server
	if f.metrics != "" {
		mln, err := net.Listen("tcp", f.metrics)
		if err != nil {
			ln.Close()
			release()
			fmt.Fprintf(stderr, "mekiki milter: cannot serve metrics on %s: %v.\n", f.metrics, err)
			return exitError
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", metrics.Handler())
		metricsSrv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
		go metricsSrv.Serve(mln)
		logger.Info("metrics", "address", "http://"+mln.Addr().String()+"/metrics")
	}
	idle := f.idleTimeout
	if idle == 0 {
		idle = -1 // never; zero in the Config is the default
	}
	cfg := milter.Config{Timeout: f.timeout, LightTimeout: f.lightTimeout, FailClosed: f.failClosed,
		MaxConcurrent: f.maxConcurrent, MaxConnections: f.maxConns, IdleTimeout: idle, MaxSize: f.maxSize, MaxBuffered: f.maxBuffered,
		Logger: logger, Metrics: metrics,
		AuthServID: f.servID, SubmissionDaemons: commaList(f.submission), TrustedHosts: commaList(f.trusted)}
	if !f.noVerify {
		// One verifier, and so one DNS cache, for every connection and
		// across reloads.
		cfg.Verifier = online.New(online.Config{Resolver: f.analyzer.online.resolver, Deadline: f.verifyDeadline,
			LookupTimeout: f.verifyDeadline, DNSCache: online.NewDNSCache(0)})
	}
	srv := milter.New(a, policy, cfg)

	signals := make(chan os.Signal, 4)
	signal.Notify(signals, syscall.SIGHUP, syscall.SIGTERM, os.Interrupt)
	defer signal.Stop(signals)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	logger.Info("milter listening", "socket", f.listen, "phishing", policy.Phishing.String(), "suspicious", policy.Suspicious.String(),
		"timeout", f.timeout.String(), "max_judge_time", srv.MaxJudgeTime().String(), "idle_timeout", f.idleTimeout.String(), "fail_closed", f.failClosed,
		"verify", !f.noVerify, "authserv_id", f.servID)
	fmt.Fprintf(stdout, "mekiki milter: listening on %s\n", f.listen)
	code := 0
loop:
	for {
		select {
		case err := <-served:
			if err != nil {
				logger.Error("milter stopped", "error", err.Error())
				code = exitError
			}
			break loop
		case sig := <-signals:
			if sig == syscall.SIGHUP {
				release = f.reload(srv, logger, metrics, release)
				continue
			}
			logger.Info("shutting down", "signal", sig.String(), "grace", f.grace.String())
			ctx, cancel := context.WithTimeout(context.Background(), f.grace)
			if err := srv.Shutdown(ctx); err != nil {
				logger.Warn("shutdown", "error", err.Error())
			}
			cancel()
			<-served
			break loop
		}
	}
	if metricsSrv != nil {
		metricsSrv.Close()
	}
	if network == "unix" {
		os.Remove(address)
	}
	release()
	logger.Info("milter stopped")
	return code
}

// loadPolicy reads the policy file (or takes the defaults) and applies
// the flags given (non-empty) over it.
func (f *milterFlags) loadPolicy() (*milter.Policy, error) {
	p := milter.DefaultPolicy()
	if f.policy != "" {
		var err error
		if p, err = milter.LoadPolicy(f.policy); err != nil {
			return nil, err
		}
	}
	for _, o := range []struct {
		flag, value string
		dst         *milter.Action
	}{{"phishing", f.phishing, &p.Phishing}, {"suspicious", f.suspicious, &p.Suspicious}} {
		if o.value == "" {
			continue
		}
		a, err := milter.ParseAction(o.value)
		if err != nil {
			return nil, fmt.Errorf("--%s: %v", o.flag, err)
		}
		*o.dst = a
	}
	if f.prefix != "" {
		p.SubjectPrefix = f.prefix
	}
	if f.rejectReason != "" {
		p.RejectReason = f.rejectReason
	}
	if err := p.Check(); err != nil {
		return nil, err
	}
	return p, nil
}

func (f *milterFlags) buildAnalyzer() (*mekiki.Analyzer, func(), error) {
	af := f.analyzer
	if !af.online.on {
		// --resolver is the verification's without --online.
		af.online.resolver = ""
	}
	a, _, release, err := af.build(mekiki.Options{TrustedHosts: commaList(f.trusted), AuthServID: f.servID})
	return a, release, err
}

// reload re-reads the policy and rebuilds the analyzer; on any error the
// running ones stay. The old analyzer's files are closed once the
// messages it may still be judging are past their timeouts (full and
// light).
func (f *milterFlags) reload(srv *milter.Server, logger *slog.Logger, m *milter.Metrics, release func()) func() {
	p, err := f.loadPolicy()
	var a *mekiki.Analyzer
	newRelease := func() {}
	if err == nil {
		a, newRelease, err = f.buildAnalyzer()
	}
	if err != nil {
		newRelease()
		logger.Error("reload failed; the running policy and knowledge stay", "error", err.Error())
		m.Reloaded(false)
		return release
	}
	srv.Reload(a, p)
	time.AfterFunc(srv.MaxJudgeTime()+time.Second, release)
	logger.Info("reloaded", "phishing", p.Phishing.String(), "suspicious", p.Suspicious.String())
	m.Reloaded(true)
	return newRelease
}

// milterSocket reads unix:/path, inet:host:port (also host:port) and
// inet6:[addr]:port, the forms Postfix's smtpd_milters uses.
func milterSocket(s string) (network, address string, err error) {
	kind, rest, ok := strings.Cut(s, ":")
	switch {
	case ok && kind == "unix":
		if rest == "" {
			break
		}
		return "unix", rest, nil
	case ok && (kind == "inet" || kind == "inet6"):
		if _, _, e := net.SplitHostPort(rest); e == nil {
			return "tcp", rest, nil
		}
	default:
		if _, _, e := net.SplitHostPort(s); e == nil {
			return "tcp", s, nil
		}
	}
	return "", "", errors.New("--listen " + s + " is not unix:/path or inet:host:port")
}
