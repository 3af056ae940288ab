// Package milter is mekiki as a Postfix/Sendmail milter: every message is
// judged at end of data with its SMTP envelope, marked with X-Mekiki-*
// headers, and tagged, held or refused as the Policy says. It never loses
// mail and does not go blind under load: when the full analysis fails,
// takes too long or finds no free slot, a light analysis (header, origin,
// authentication results and links) judges the message, which is marked
// X-Mekiki-Analysis: light; only when that fails too does the message
// pass untouched (or is tempfailed, when FailClosed is set). Every
// degraded or failed message is logged and counted.
package milter

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	gomilter "github.com/d--j/go-milter"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/online"
)

// Config are the milter's settings that do not change on reload.
type Config struct {
	// Timeout bounds one message's full analysis, the wait for a free
	// slot included; past it the light analysis judges the message. Zero
	// means DefaultTimeout.
	Timeout time.Duration
	// LightTimeout bounds the light analysis that judges a message whose
	// full analysis did not finish (the wait for one of its own
	// MaxConcurrent slots included); past it the message passes. Zero
	// means a quarter of Timeout. The MTA waits at most Timeout plus
	// LightTimeout at end of data.
	LightTimeout time.Duration
	// FailClosed tempfails (451 4.7.1) messages that neither analysis
	// could judge, instead of passing them untouched.
	FailClosed bool
	// MaxConcurrent bounds the full analyses running at once, and the
	// light ones apart from them; zero means four per CPU. A message that
	// finds no free slot within Timeout gets the light analysis.
	MaxConcurrent int
	// MaxConnections bounds the open connections from the MTA. When a new
	// one would pass it, the connection idle the longest (no message at
	// end of data) is closed to admit it; only when every connection has a
	// message being judged is the new one closed at once (the MTA applies
	// its milter_default_action). Zero means 1024.
	MaxConnections int
	// IdleTimeout closes a connection on which the MTA sent nothing for
	// that long (the MTA applies milter_default_action to the rest of its
	// SMTP session). Zero means DefaultIdleTimeout; negative means never.
	IdleTimeout time.Duration
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

	// Verifier, when set, authenticates every message from outside at
	// end of data, before it is judged: SPF for the client, its MAIL
	// FROM and HELO, every DKIM signature, DMARC for the From domain
	// (online.Client.Verify, within its Deadline). The results are what
	// the auth checks read, and are written on top of the message as one
	// Authentication-Results field under AuthServID, after the fields
	// the message brought with that id are removed. Nil verifies nothing
	// and leaves the message's Authentication-Results alone.
	Verifier *online.Client
	// AuthServID is the authserv-id of the field written; empty means
	// the host name.
	AuthServID string
	// SubmissionDaemons are the {daemon_name} values of submission
	// services, whose mail is a colleague's; nil means
	// DefaultSubmissionDaemons.
	SubmissionDaemons []string
	// TrustedHosts are the organisation's own clients and relays (IPs,
	// CIDR prefixes, host name suffixes; Postfix's mynetworks): their
	// mail is not verified and is marked internal.
	TrustedHosts []string
}

// Defaults of Config.
const (
	DefaultTimeout = 5 * time.Second
	// DefaultIdleTimeout is libmilter's own read timeout (7,210 s, the
	// default of smfi_settimeout). Postfix keeps a milter connection for
	// the whole SMTP session, silent while the client thinks or sends
	// NOOPs, and applies milter_default_action to the rest of a session
	// whose milter connection was closed: a short timeout would let a
	// patient client's later mail pass unjudged. Idle connections that
	// hold the limit are evicted, longest idle first, so the timeout is
	// only the clean-up of forgotten ones.
	DefaultIdleTimeout = 7210 * time.Second
	DefaultMaxSize     = 10 << 20
	DefaultMaxBuffered = 512 << 20
)

// Server is a running milter. Create it with New, start it with Serve,
// swap its analyzer and policy with Reload, stop it with Shutdown.
type Server struct {
	cfg        Config
	current    atomic.Pointer[setup]
	slots      chan struct{} // of the full analyses
	lightSlots chan struct{} // of the light analyses

	// analyze and analyzeLight judge one message fully and lightly; tests
	// replace them to stall or fail.
	analyze      analyzeFunc
	analyzeLight analyzeFunc

	mu       sync.Mutex
	listener net.Listener
	conns    map[*trackedConn]struct{}
	tick     atomic.Uint64 // orders the connections' reads
	inFlight atomic.Int64  // messages between end of data and the reply
	buffered atomic.Int64  // bytes kept by all sessions
	closing  atomic.Bool
}

type analyzeFunc func(ctx context.Context, a *mekiki.Analyzer, raw []byte, env mekiki.Envelope) (*mekiki.Report, error)

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
	if cfg.LightTimeout <= 0 {
		cfg.LightTimeout = cfg.Timeout / 4
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
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
	if cfg.SubmissionDaemons == nil {
		cfg.SubmissionDaemons = DefaultSubmissionDaemons
	}
	if cfg.AuthServID == "" {
		cfg.AuthServID = DefaultAuthServID()
	}
	s := &Server{cfg: cfg, slots: make(chan struct{}, cfg.MaxConcurrent), lightSlots: make(chan struct{}, cfg.MaxConcurrent),
		conns: map[*trackedConn]struct{}{}}
	s.current.Store(&setup{analyzer: a, policy: p})
	s.analyze = func(ctx context.Context, a *mekiki.Analyzer, raw []byte, env mekiki.Envelope) (*mekiki.Report, error) {
		return a.AnalyzeEnvelope(ctx, bytes.NewReader(raw), env)
	}
	s.analyzeLight = func(ctx context.Context, a *mekiki.Analyzer, raw []byte, env mekiki.Envelope) (*mekiki.Report, error) {
		return a.AnalyzeEnvelopeLight(ctx, bytes.NewReader(raw), env)
	}
	return s
}

// milterActions are the changes the milter makes: its headers, the
// subject tag, the removal of forged fields, and the hold queue.
const milterActions = gomilter.OptAddHeader | gomilter.OptChangeHeader | gomilter.OptQuarantine

// milterProtocol is what the milter asks of the MTA (protocol version
// 6): no DATA and unknown-command events, no reply expected to anything
// before end of data (the milter only records the client, envelope,
// header fields and body; it answers once, at end of data), and header
// values with their leading space, so that the message rebuilt for the
// DKIM verification is the one that was signed.
const milterProtocol = gomilter.OptNoData | gomilter.OptNoUnknown | gomilter.OptNoReplies | gomilter.OptHeaderLeadingSpace

// negotiate settles the protocol with the MTA: the highest version both
// speak, the actions the milter needs (refused when the MTA does not
// allow them), and of milterProtocol what the MTA offers (none of it
// below version 6, where the milter replies to every event and gets the
// values without their first space).
func negotiate(mtaVersion, milterVersion uint32, mtaActions, milterActions gomilter.OptAction, mtaProtocol, milterProtocol gomilter.OptProtocol, offered gomilter.DataSize) (uint32, gomilter.OptAction, gomilter.OptProtocol, gomilter.DataSize, error) {
	if mtaVersion < 2 {
		return 0, 0, 0, 0, fmt.Errorf("milter: the MTA speaks protocol version %d", mtaVersion)
	}
	version := min(mtaVersion, milterVersion)
	if milterActions&mtaActions != milterActions {
		return 0, 0, 0, 0, fmt.Errorf("milter: the MTA allows the actions %v, the milter needs %v", mtaActions, milterActions)
	}
	protocol := milterProtocol & mtaProtocol
	if version < 6 {
		protocol = 0
	}
	return version, milterActions, protocol, offered, nil
}

// MaxJudgeTime is the longest a message waits at end of data for its
// judgement: the verification's deadline, Timeout and LightTimeout. An
// analyzer replaced by Reload may be in use that long after.
func (s *Server) MaxJudgeTime() time.Duration {
	t := s.cfg.Timeout + s.cfg.LightTimeout
	if s.cfg.Verifier != nil {
		t += s.cfg.Verifier.Deadline()
	}
	return t
}

// DefaultAuthServID is the host name, lower case ("localhost" when it
// cannot be read).
func DefaultAuthServID() string {
	h, err := os.Hostname()
	if err != nil || !ValidAuthServID(h) {
		return "localhost"
	}
	return strings.ToLower(h)
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
	tl := &trackedListener{Listener: ln, srv: s}
	for {
		tc, err := tl.accept()
		if err != nil {
			if s.closing.Load() {
				return nil
			}
			return err
		}
		go s.serveConn(tc)
	}
}

// serveConn speaks the milter protocol on one connection from the MTA,
// until it ends. Each connection gets a library server of its own, which
// serves only it, so that its session knows its connection (for the
// eviction and the buffer budget).
func (s *Server) serveConn(tc *trackedConn) {
	sess := &session{srv: s, conn: tc}
	s.mu.Lock()
	tc.sess = sess
	s.mu.Unlock()
	ms := gomilter.NewServer(
		gomilter.WithMilter(func() gomilter.Milter { return sess }),
		gomilter.WithActions(milterActions),
		gomilter.WithProtocols(milterProtocol),
		gomilter.WithNegotiationCallback(negotiate),
	)
	// Serve returns when the connection is closed (by the library at its
	// end, by the idle timeout, an eviction or Shutdown).
	_ = ms.Serve(&oneConnListener{conn: tc})
}

// oneConnListener hands one connection to a library server, then waits
// for that connection to close.
type oneConnListener struct {
	conn   *trackedConn
	handed bool
}

func (l *oneConnListener) Accept() (net.Conn, error) {
	if !l.handed {
		l.handed = true
		return l.conn, nil
	}
	<-l.conn.closed
	return nil, net.ErrClosed
}

func (l *oneConnListener) Close() error   { return nil }
func (l *oneConnListener) Addr() net.Addr { return l.conn.LocalAddr() }

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
	open := make([]*trackedConn, 0, len(s.conns))
	for c := range s.conns {
		open = append(open, c)
	}
	s.mu.Unlock()
	for _, c := range open {
		c.Close()
	}
	return err
}

// errOverload is the failure of an analysis that found no free slot.
var errOverload = errors.New("no free analysis slot")

// judgement is the outcome of judging one message.
type judgement struct {
	rep *mekiki.Report
	// degraded says why the full analysis did not judge the message
	// ("timeout", "overload" or "error", the reason of fullErr): the light
	// one did, or failed too (err). Empty when the full analysis judged.
	degraded string
	fullErr  error
	// err is the light analysis' failure: no verdict at all.
	err error
}

// judge runs the full analysis within Timeout and the concurrency bound,
// and the light one within LightTimeout when the full one does not
// finish.
func (s *Server) judge(a *mekiki.Analyzer, raw []byte, env mekiki.Envelope) judgement {
	mt := s.cfg.Metrics
	rep, err := s.run(s.cfg.Timeout, s.slots, mt.inFlight, func(ctx context.Context) (*mekiki.Report, error) {
		return s.analyze(ctx, a, raw, env)
	})
	if err == nil {
		return judgement{rep: rep}
	}
	j := judgement{degraded: failureReason(err), fullErr: err}
	j.rep, j.err = s.run(s.cfg.LightTimeout, s.lightSlots, mt.lightInFlight, func(ctx context.Context) (*mekiki.Report, error) {
		return s.analyzeLight(ctx, a, raw, env)
	})
	return j
}

// failureReason names an analysis' failure for the logs and metrics.
func failureReason(err error) string {
	switch {
	case errors.Is(err, errOverload):
		return "overload"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	}
	return "error"
}

// run calls analyze on one of slots within timeout, the wait for the slot
// included. It returns errOverload when no slot was free in time and
// context.DeadlineExceeded when the analysis did not end in time. The
// analysis gets a context that ends at the timeout (the analyzer stops
// soon after), and keeps its slot until it really returns, so analyses
// that ignore the context use up the slots instead of piling up
// goroutines.
func (s *Server) run(timeout time.Duration, slots chan struct{}, gauge prometheus.Gauge, analyze func(context.Context) (*mekiki.Report, error)) (*mekiki.Report, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	select {
	case slots <- struct{}{}:
	case <-ctx.Done():
		cancel()
		return nil, errOverload
	}
	type result struct {
		rep *mekiki.Report
		err error
	}
	done := make(chan result, 1)
	gauge.Inc()
	go func() {
		defer func() {
			<-slots
			cancel()
			gauge.Dec()
		}()
		rep, err := analyze(ctx)
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
			return nil, context.DeadlineExceeded
		}
	}
	if r.err == nil && r.rep == nil {
		r.err = errors.New("the analysis returned no report")
	}
	return r.rep, r.err
}

// trackedListener keeps the open connections for Shutdown and for the
// MaxConnections bound.
type trackedListener struct {
	net.Listener
	srv *Server
}

func (l *trackedListener) accept() (*trackedConn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		s := l.srv
		tc := &trackedConn{Conn: c, srv: s, closed: make(chan struct{})}
		tc.in = bufio.NewReaderSize(connReader{tc}, 32<<10)
		tc.touch()
		if !s.admit(tc) {
			// Counted first: the MTA may look the moment it is closed.
			s.cfg.Metrics.refused.Inc()
			s.cfg.Logger.Warn("connection refused: every open connection has a message being judged", "max_connections", s.cfg.MaxConnections)
			c.Close()
			continue
		}
		s.cfg.Metrics.conns.Inc()
		return tc, nil
	}
}

// admit registers tc. At MaxConnections it first closes the connection
// idle the longest, one without a message at end of data; it reports
// false, and registers nothing, when every connection has one.
func (s *Server) admit(tc *trackedConn) bool {
	s.mu.Lock()
	if len(s.conns) < s.cfg.MaxConnections {
		s.conns[tc] = struct{}{}
		s.mu.Unlock()
		return true
	}
	var victim *trackedConn
	for c := range s.conns {
		if !c.busy.Load() && (victim == nil || c.last.Load() < victim.last.Load()) {
			victim = c
		}
	}
	s.mu.Unlock()
	if victim == nil {
		return false
	}
	idle := time.Since(time.Unix(0, victim.lastTime.Load()))
	// Close takes the lock; Accept is the only one adding connections, so
	// there is room once it returns.
	s.cfg.Metrics.closed.WithLabelValues("evicted").Inc()
	victim.Close()
	s.cfg.Logger.Info("connection closed to admit a new one: the longest idle at max connections",
		"max_connections", s.cfg.MaxConnections, "idle_s", idle.Round(time.Millisecond).Seconds())
	s.mu.Lock()
	s.conns[tc] = struct{}{}
	s.mu.Unlock()
	return true
}

// trackedConn is a connection from the MTA: it closes itself when the MTA
// sends nothing for IdleTimeout, and knows when it was last active and
// whether a message of it is being judged.
type trackedConn struct {
	net.Conn
	srv    *Server
	sess   *session // guarded by srv.mu
	once   sync.Once
	closed chan struct{} // closed by Close
	// in buffers what the MTA sends: the library reads each packet in
	// two pieces (its length, then the rest), and Postfix sends a
	// message's header fields and body as a burst of small packets,
	// which one system call then reads. Only the library reads.
	in *bufio.Reader
	// wmu guards pending and out: the session writes, Close flushes.
	wmu sync.Mutex
	// pending is how many bytes of the packet being written are still to
	// come.
	pending int64
	// send: the packet being written is to be sent once whole (it is
	// not a header change).
	send bool
	// out holds the packets written and not yet sent: a packet is sent
	// whole, and header changes wait for the reply that follows them at
	// end of data, so that the MTA reads the changes and the reply in
	// one piece.
	out []byte
	// last is the server's tick at the last read that returned data (or
	// at the accept): the lowest is the connection idle the longest.
	last     atomic.Uint64
	lastTime atomic.Int64 // Unix nanoseconds of the same
	busy     atomic.Bool  // a message between end of data and the reply
	idled    atomic.Bool  // closed by the idle timeout (counted once)
}

func (c *trackedConn) touch() {
	c.last.Store(c.srv.tick.Add(1))
	c.lastTime.Store(time.Now().UnixNano())
}

// Read waits at most IdleTimeout for the MTA's next bytes. The library
// reads only between commands, never while a message is being judged, so
// the deadline never cuts an analysis. The timeout is logged here and
// given to the library as a closed connection, which it ends quietly.
func (c *trackedConn) Read(p []byte) (int, error) {
	n, err := c.in.Read(p)
	if n > 0 {
		c.touch()
	}
	return n, err
}

// connReader reads the connection itself, under the idle timeout, for
// the buffer in front of it.
type connReader struct{ c *trackedConn }

func (r connReader) Read(p []byte) (int, error) {
	c := r.c
	s := c.srv
	if s.cfg.IdleTimeout > 0 {
		c.Conn.SetReadDeadline(time.Now().Add(s.cfg.IdleTimeout))
	}
	n, err := c.Conn.Read(p)
	if err != nil && errors.Is(err, os.ErrDeadlineExceeded) && c.idled.CompareAndSwap(false, true) {
		// The library closes the connection on the error.
		s.cfg.Logger.Info("connection closed: the MTA sent nothing within the idle timeout", "idle_timeout", s.cfg.IdleTimeout.String())
		s.cfg.Metrics.closed.WithLabelValues("idle").Inc()
	}
	if err != nil && errors.Is(err, os.ErrDeadlineExceeded) {
		err = fmt.Errorf("%w: idle timeout", net.ErrClosed)
	}
	return n, err
}

// modifications are the command bytes of the packets that change a
// message at end of data (add, insert, change header, replace body,
// add or delete recipient, change sender, quarantine): the milter
// always sends a reply after them, so they can wait for it.
const modifications = "hibm+-2eq"

// maxHeld bounds the bytes of header changes held for the reply.
const maxHeld = 64 << 10

// Write counts the packets the milter sends the MTA (the negotiation,
// replies and header changes): with the no-reply options negotiated
// there are none before end of data. The library writes a packet in two
// pieces (length and command byte, then the data); each packet is sent
// in one piece once whole, and header changes go with the reply that
// follows them.
func (c *trackedConn) Write(p []byte) (int, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.out = append(c.out, p...)
	for b := p; len(b) > 0; {
		if c.pending == 0 {
			// A packet starts with its length; the library writes the
			// length and command byte in one piece.
			c.srv.cfg.Metrics.packets.Inc()
			if len(b) < 5 {
				// Not the library's way: send what there is.
				c.send = true
				break
			}
			c.pending = int64(binary.BigEndian.Uint32(b)) + 4
			c.send = c.send || !strings.ContainsRune(modifications, rune(b[4]))
		}
		k := min(int64(len(b)), c.pending)
		c.pending -= k
		b = b[k:]
	}
	if c.pending == 0 && (c.send || len(c.out) > maxHeld) {
		c.send = false
		if err := c.flush(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// flush sends what Write holds; wmu is held.
func (c *trackedConn) flush() error {
	if len(c.out) == 0 {
		return nil
	}
	_, err := c.Conn.Write(c.out)
	c.out = c.out[:0]
	if cap(c.out) > maxHeld {
		c.out = nil
	}
	return err
}

func (c *trackedConn) Close() error {
	c.once.Do(func() {
		// Changes written before a failure go out as they did unheld;
		// not when a write is under way (it may be stuck on an MTA that
		// does not read, which closing ends).
		if c.wmu.TryLock() {
			c.flush()
			c.wmu.Unlock()
		}
		s := c.srv
		s.mu.Lock()
		delete(s.conns, c)
		sess := c.sess
		s.mu.Unlock()
		// A connection lost in the middle of a message gives its bytes back.
		if sess != nil {
			sess.release()
		}
		s.cfg.Metrics.conns.Dec()
		close(c.closed)
	})
	return c.Conn.Close()
}
