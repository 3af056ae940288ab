// Package milter is mekiki as a Postfix/Sendmail milter: every message is
// judged at end of data with its SMTP envelope, marked with X-Mekiki-*
// headers, and tagged, held or refused as the Policy says. It never loses
// mail: when the analysis fails, takes too long or the milter is
// overloaded, the message passes untouched (or is tempfailed, when
// FailClosed is set) and the failure is logged and counted.
package milter

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	gomilter "github.com/emersion/go-milter"

	"github.com/mekiki/mekiki"
)

// Config are the milter's settings that do not change on reload.
type Config struct {
	// Timeout bounds one message's analysis; past it the message passes.
	// Zero means DefaultTimeout.
	Timeout time.Duration
	// FailClosed tempfails (451 4.7.1) messages whose analysis failed,
	// instead of passing them untouched.
	FailClosed bool
	// MaxConcurrent bounds the analyses running at once; zero means four
	// per CPU. A message that finds no free slot within Timeout passes.
	MaxConcurrent int
	// MaxConnections bounds the open connections from the MTA; one more is
	// closed at once and the MTA applies its milter_default_action. Zero
	// means 1024.
	MaxConnections int
	// MaxSize is how many bytes of a message are kept for the analysis;
	// the rest is not read (the message still passes whole). Zero means
	// DefaultMaxSize.
	MaxSize int
	// MaxBuffered bounds the bytes kept for analysis across all
	// connections; a message arriving past it is judged on what was kept.
	// Zero means DefaultMaxBuffered.
	MaxBuffered int64
	// Logger receives one line per message and every failure; nil
	// discards them.
	Logger *slog.Logger
	// Metrics count messages, verdicts, failures and latency; nil means a
	// registry of the server's own, not served.
	Metrics *Metrics
}

// Defaults of Config.
const (
	DefaultTimeout     = 5 * time.Second
	DefaultMaxSize     = 10 << 20
	DefaultMaxBuffered = 512 << 20
)

// Server is a running milter. Create it with New, start it with Serve,
// swap its analyzer and policy with Reload, stop it with Shutdown.
type Server struct {
	cfg     Config
	current atomic.Pointer[setup]
	slots   chan struct{}
	milter  *gomilter.Server

	// analyze judges one message; tests replace it to stall or fail.
	analyze func(ctx context.Context, a *mekiki.Analyzer, raw []byte, env mekiki.Envelope) (*mekiki.Report, error)

	mu       sync.Mutex
	listener net.Listener
	accepted *trackedConn // handed from Accept to newSession
	conns    map[net.Conn]struct{}
	inFlight atomic.Int64 // messages between end of data and the reply
	buffered atomic.Int64 // bytes kept by all sessions
	closing  atomic.Bool
}

// setup is what Reload replaces as one.
type setup struct {
	analyzer *mekiki.Analyzer
	policy   *Policy
}

// New makes a milter judging with a and acting by p.
func New(a *mekiki.Analyzer, p *Policy, cfg Config) *Server {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = 4 * runtime.GOMAXPROCS(0)
	}
	if cfg.MaxConnections <= 0 {
		cfg.MaxConnections = 1024
	}
	if cfg.MaxSize <= 0 {
		cfg.MaxSize = DefaultMaxSize
	}
	if cfg.MaxBuffered <= 0 {
		cfg.MaxBuffered = DefaultMaxBuffered
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics()
	}
	s := &Server{cfg: cfg, slots: make(chan struct{}, cfg.MaxConcurrent), conns: map[net.Conn]struct{}{}}
	s.current.Store(&setup{analyzer: a, policy: p})
	s.analyze = func(ctx context.Context, a *mekiki.Analyzer, raw []byte, env mekiki.Envelope) (*mekiki.Report, error) {
		return a.AnalyzeEnvelope(ctx, bytes.NewReader(raw), env)
	}
	s.milter = &gomilter.Server{
		NewMilter: s.newSession,
		Actions:   gomilter.OptAddHeader | gomilter.OptChangeHeader | gomilter.OptQuarantine,
	}
	return s
}

// Reload swaps in a new analyzer and policy; messages being judged finish
// with the old ones.
func (s *Server) Reload(a *mekiki.Analyzer, p *Policy) {
	s.current.Store(&setup{analyzer: a, policy: p})
}

// Serve answers the MTA's connections on ln until Shutdown; it may be
// called once.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.closing.Load() {
		s.mu.Unlock()
		ln.Close()
		return nil
	}
	if s.listener != nil {
		s.mu.Unlock()
		return errors.New("milter: Serve called twice")
	}
	s.listener = ln
	s.mu.Unlock()
	err := s.milter.Serve(&trackedListener{Listener: ln, srv: s})
	if s.closing.Load() {
		return nil
	}
	return err
}

// Shutdown stops taking connections, lets the messages being judged
// finish until ctx ends, then closes the connections that remain (the MTA
// applies milter_default_action to messages on them).
func (s *Server) Shutdown(ctx context.Context) error {
	// The listener is closed here, not by the library's Close, which races
	// with its own Serve.
	s.mu.Lock()
	s.closing.Store(true)
	if s.listener != nil {
		s.listener.Close()
	}
	s.mu.Unlock()
	var err error
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for s.inFlight.Load() > 0 && err == nil {
		select {
		case <-tick.C:
		case <-ctx.Done():
			err = errors.New("messages were still being judged when the grace period ended")
		}
	}
	s.mu.Lock()
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	return err
}

// errOverload is the failure of a message that found no free analysis slot.
var errOverload = errors.New("no free analysis slot")

// judge runs the analysis within the timeout and the concurrency bound.
// The reason names a failure: "overload", "timeout" or "error".
func (s *Server) judge(a *mekiki.Analyzer, raw []byte, env mekiki.Envelope) (*mekiki.Report, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.Timeout)
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		cancel()
		return nil, "overload", errOverload
	}
	type result struct {
		rep *mekiki.Report
		err error
	}
	done := make(chan result, 1)
	s.cfg.Metrics.inFlight.Inc()
	// The analysis keeps its slot until it really ends, so stalled
	// analyses use up the slots and later messages pass as overload
	// instead of piling up goroutines.
	go func() {
		defer func() {
			<-s.slots
			cancel()
			s.cfg.Metrics.inFlight.Dec()
		}()
		rep, err := s.analyze(ctx, a, raw, env)
		done <- result{rep, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-ctx.Done():
		// The analysis cancels the context when it ends, too: a result
		// already sent wins over the timeout.
		select {
		case r = <-done:
		default:
			return nil, "timeout", context.DeadlineExceeded
		}
	}
	if r.err != nil {
		return nil, "error", r.err
	}
	return r.rep, "", nil
}

// newSession makes the session of the connection just accepted: the
// library calls it right after Accept, on the same goroutine, and never
// again for that connection because every reply keeps the session.
func (s *Server) newSession() gomilter.Milter {
	sess := &session{srv: s}
	s.mu.Lock()
	if tc := s.accepted; tc != nil {
		tc.sess, s.accepted = sess, nil
	}
	s.mu.Unlock()
	return sess
}

// trackedListener keeps the open connections for Shutdown and closes the
// ones past MaxConnections.
type trackedListener struct {
	net.Listener
	srv *Server
}

func (l *trackedListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		s := l.srv
		s.mu.Lock()
		full := len(s.conns) >= s.cfg.MaxConnections
		if !full {
			s.conns[c] = struct{}{}
		}
		s.mu.Unlock()
		if full {
			c.Close()
			s.cfg.Logger.Warn("connection refused: too many open connections", "max_connections", s.cfg.MaxConnections)
			s.cfg.Metrics.refused.Inc()
			continue
		}
		s.cfg.Metrics.conns.Inc()
		tc := &trackedConn{Conn: c, srv: s}
		s.mu.Lock()
		s.accepted = tc
		s.mu.Unlock()
		return tc, nil
	}
}

type trackedConn struct {
	net.Conn
	srv  *Server
	sess *session // guarded by srv.mu
	once sync.Once
}

func (c *trackedConn) Close() error {
	c.once.Do(func() {
		s := c.srv
		s.mu.Lock()
		delete(s.conns, c.Conn)
		sess := c.sess
		s.mu.Unlock()
		// A connection lost in the middle of a message gives its bytes back.
		if sess != nil {
			sess.release()
		}
		s.cfg.Metrics.conns.Dec()
	})
	return c.Conn.Close()
}
