package milter

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-message/textproto"
	gomilter "github.com/emersion/go-milter"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/mekiki/mekiki"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// start runs a milter on a loopback port for the test.
func start(t testing.TB, p *Policy, cfg Config) (*Server, string) {
	t.Helper()
	a, _ := mekiki.New(mekiki.Options{})
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(t.Output(), nil))
	}
	s := New(a, p, cfg)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(ln)
	// Serving: a Shutdown from now on closes ln (before Serve takes it,
	// only Serve would, whenever it runs).
	for served := false; !served; time.Sleep(time.Millisecond) {
		s.mu.Lock()
		served = s.listener != nil
		s.mu.Unlock()
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.Shutdown(ctx)
	})
	return s, ln.Addr().String()
}

// outcome is what the MTA was told for one message.
type outcome struct {
	mods []gomilter.ModifyAction
	act  *gomilter.Action
}

func (o outcome) header(name string) (string, bool) {
	for _, m := range o.mods {
		if m.Code == gomilter.ActAddHeader && strings.EqualFold(m.HeaderName, name) {
			return m.HeaderValue, true
		}
	}
	return "", false
}

func (o outcome) has(code gomilter.ModifyActCode, name string) *gomilter.ModifyAction {
	for i, m := range o.mods {
		if m.Code == code && (name == "" || strings.EqualFold(m.HeaderName, name)) {
			return &o.mods[i]
		}
	}
	return nil
}

type smtpClient struct {
	ip, name, helo string
}

var outsider = smtpClient{ip: "198.51.100.7", name: "bulk.sender-vps.example.net", helo: "bulk.sender-vps.example.net"}

// send plays an MTA: one connection, then each message in turn, with
// envelope sender from and recipient rcpt.
func send(t testing.TB, addr string, cl smtpClient, from, rcpt string, msgs ...[]byte) []outcome {
	t.Helper()
	c := gomilter.NewClientWithOptions("tcp", addr, gomilter.ClientOptions{
		ReadTimeout: 20 * time.Second, WriteTimeout: 5 * time.Second,
		ActionMask: gomilter.OptAddHeader | gomilter.OptChangeHeader | gomilter.OptQuarantine,
	})
	defer c.Close()
	s, err := c.Session()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Conn(cl.name, gomilter.FamilyInet, 40000, cl.ip); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Helo(cl.helo); err != nil {
		t.Fatal(err)
	}
	var out []outcome
	for _, raw := range msgs {
		if _, err := s.Mail("<"+from+">", nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Rcpt("<"+rcpt+">", nil); err != nil {
			t.Fatal(err)
		}
		br := bufio.NewReader(bytes.NewReader(raw))
		h, err := textproto.ReadHeader(br)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Header(h); err != nil {
			t.Fatal(err)
		}
		mods, act, err := s.BodyReadFrom(br)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, outcome{mods, act})
	}
	return out
}

func TestMarksTagsAndAccepts(t *testing.T) {
	_, addr := start(t, DefaultPolicy(), Config{})
	out := send(t, addr, outsider, "bounce@bulk-mailer.example.net", "hanako@example-corp.co.jp",
		fixture(t, "link-lookalike-microsoft.eml"), fixture(t, "legit-amazon-order.eml"))
	phish, legit := out[0], out[1]
	if phish.act.Code != gomilter.ActAccept || legit.act.Code != gomilter.ActAccept {
		t.Fatalf("actions %c %c, want accept", phish.act.Code, legit.act.Code)
	}
	if v, _ := phish.header(HeaderVerdict); v != "phishing" {
		t.Errorf("phishing verdict header %q", v)
	}
	if f, _ := phish.header(HeaderFindings); !strings.Contains(f, "url.lookalike") {
		t.Errorf("findings header %q lacks the lookalike link", f)
	}
	sub := phish.has(gomilter.ActChangeHeader, "Subject")
	if sub == nil || !strings.HasPrefix(sub.HeaderValue, "=?UTF-8?b?") || sub.HeaderIndex != 1 {
		t.Fatalf("subject not tagged: %+v", phish.mods)
	}
	if v, _ := legit.header(HeaderVerdict); v != "clean" {
		t.Errorf("legitimate verdict header %q", v)
	}
	if legit.has(gomilter.ActChangeHeader, "Subject") != nil || legit.has(gomilter.ActQuarantine, "") != nil {
		t.Errorf("clean mail was acted on: %+v", legit.mods)
	}
}

func TestSubjectTagReadsBack(t *testing.T) {
	got := taggedSubject(DefaultSubjectPrefix, "=?ISO-2022-JP?B?GyRCJSIlKyUmJXMlSBsoQg==?=")
	h := "Subject: " + got + "\r\n\r\n"
	a, _ := mekiki.New(mekiki.Options{})
	rep, err := a.Analyze(context.Background(), strings.NewReader("From: a@example.jp\r\n"+h))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Message.Subject != "[フィッシング注意] アカウント" {
		t.Errorf("tagged subject reads %q", rep.Message.Subject)
	}
	if taggedSubject("[SPAM]", "hello") != "[SPAM] hello" {
		t.Error("ASCII prefix")
	}
}

func TestRejectHoldAndPerDomainPolicy(t *testing.T) {
	hold, reject := ActionHold, ActionReject
	p := DefaultPolicy()
	p.Domains = map[string]DomainActions{"example-corp.co.jp": {Phishing: &reject}, "hold.example.jp": {Phishing: &hold}}
	p.RejectReason = "Phishing refused (example)"
	if err := p.Check(); err != nil {
		t.Fatal(err)
	}
	_, addr := start(t, p, Config{})
	phish := fixture(t, "link-lookalike-microsoft.eml")
	r := send(t, addr, outsider, "x@bulk.example.net", "hanako@example-corp.co.jp", phish)[0]
	if r.act.Code != gomilter.ActReplyCode || r.act.SMTPCode != 550 || r.act.SMTPText != "5.7.1 Phishing refused (example)" {
		t.Errorf("reject: %+v", r.act)
	}
	h := send(t, addr, outsider, "x@bulk.example.net", "taro@sub.hold.example.jp", phish)[0]
	if h.act.Code != gomilter.ActAccept || h.has(gomilter.ActQuarantine, "") == nil || h.has(gomilter.ActChangeHeader, "Subject") == nil {
		t.Errorf("hold: %c %+v", h.act.Code, h.mods)
	}
	d := send(t, addr, outsider, "x@bulk.example.net", "someone@other.example", phish)[0]
	if d.act.Code != gomilter.ActAccept || d.has(gomilter.ActQuarantine, "") != nil || d.has(gomilter.ActChangeHeader, "Subject") == nil {
		t.Errorf("default tag: %c %+v", d.act.Code, d.mods)
	}
}

func TestForgedMarksAreRemoved(t *testing.T) {
	_, addr := start(t, DefaultPolicy(), Config{})
	raw := append([]byte("X-Mekiki-Analysis: full\r\nX-Mekiki-Verdict: clean\r\nX-Mekiki-Score: 0\r\nX-Mekiki-Verdict: clean\r\n"), fixture(t, "link-lookalike-microsoft.eml")...)
	o := send(t, addr, outsider, "x@bulk.example.net", "hanako@example-corp.co.jp", raw)[0]
	var removed []string
	for _, m := range o.mods {
		if m.Code == gomilter.ActChangeHeader && m.HeaderValue == "" {
			removed = append(removed, m.HeaderName+"#"+string(rune('0'+m.HeaderIndex)))
		}
	}
	if strings.Join(removed, " ") != "X-Mekiki-Verdict#2 X-Mekiki-Score#1 X-Mekiki-Verdict#1 X-Mekiki-Analysis#1" {
		t.Errorf("removed %v", removed)
	}
	if _, ok := o.header(HeaderAnalysis); ok {
		t.Error("a fully judged message got X-Mekiki-Analysis")
	}
	if v, _ := o.header(HeaderVerdict); v != "phishing" {
		t.Errorf("verdict %q", v)
	}
}

func TestAllowListedClientOnlyMarked(t *testing.T) {
	p := DefaultPolicy()
	p.Allow.Clients = []string{"198.51.100.0/24"}
	p.Check()
	s, addr := start(t, p, Config{})
	o := send(t, addr, outsider, "x@bulk.example.net", "hanako@example-corp.co.jp", fixture(t, "link-lookalike-microsoft.eml"))[0]
	if v, _ := o.header(HeaderVerdict); v != "phishing" || o.has(gomilter.ActChangeHeader, "Subject") != nil {
		t.Errorf("allow-listed client: verdict %q, mods %+v", v, o.mods)
	}
	if n := testutil.ToFloat64(s.cfg.Metrics.allowListed); n != 1 {
		t.Errorf("allow-listed counter %v", n)
	}
}

func TestEnvelopeKeptAcrossMessages(t *testing.T) {
	// The same connection carries two messages; both must be judged with
	// the client the connection came from (an outsider posing as the
	// recipient's own organisation).
	spoof := []byte("From: admin@example-corp.co.jp\r\nTo: hanako@example-corp.co.jp\r\nSubject: quota\r\nMessage-ID: <q1@bulk.sender-vps.example.net>\r\n\r\nsign in at https://mailbox-quota.example.net/login\r\n")
	hold := ActionHold
	p := DefaultPolicy()
	p.Suspicious, p.Phishing = hold, hold
	_, addr := start(t, p, Config{})
	out := send(t, addr, outsider, "bounce@sender-vps.example.net", "hanako@example-corp.co.jp", spoof, spoof)
	for i, o := range out {
		if f, _ := o.header(HeaderFindings); !strings.Contains(f, "sender.own_domain_spoof") {
			t.Errorf("message %d findings %q: envelope lost", i+1, f)
		}
	}
}

// stall replaces the analysis with one that sleeps for d first.
func stall(s *Server, d time.Duration) {
	s.analyze = func(ctx context.Context, a *mekiki.Analyzer, raw []byte, env mekiki.Envelope) (*mekiki.Report, error) {
		time.Sleep(d)
		return a.AnalyzeEnvelope(ctx, bytes.NewReader(raw), env)
	}
}

// stallMark is the header that makes a gate's analysis stall.
const stallMark = "X-Test-Stall: yes\r\n"

// gate stalls the analyses of messages that carry stallMark: each
// signals entered, then waits until the gate opens (the test's end at the
// latest) or, when it honours its context as the analyzer does, until
// that ends, and returns ctx.Err(). Other messages are analysed as usual.
type gate struct {
	entered chan struct{}
	open    chan struct{}
	once    sync.Once
}

func newGate(t testing.TB) *gate {
	g := &gate{entered: make(chan struct{}, 1024), open: make(chan struct{})}
	// Registered after start's Shutdown, so it runs first.
	t.Cleanup(g.release)
	return g
}

func (g *gate) release() { g.once.Do(func() { close(g.open) }) }

// wait returns once n stalled analyses have begun.
func (g *gate) wait(t testing.TB, n int) {
	t.Helper()
	for range n {
		select {
		case <-g.entered:
		case <-time.After(30 * time.Second):
			t.Fatal("the stalled analyses did not begin")
		}
	}
}

func (g *gate) hook(honour bool, real analyzeFunc) analyzeFunc {
	return func(ctx context.Context, a *mekiki.Analyzer, raw []byte, env mekiki.Envelope) (*mekiki.Report, error) {
		if !bytes.Contains(raw, []byte(stallMark)) {
			return real(ctx, a, raw, env)
		}
		g.entered <- struct{}{}
		if honour {
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-g.open:
			}
		} else {
			<-g.open
		}
		return real(ctx, a, raw, env)
	}
}

func stalled(raw []byte) []byte { return append([]byte(stallMark), raw...) }

func TestLightVerdictOnTimeout(t *testing.T) {
	s, addr := start(t, DefaultPolicy(), Config{Timeout: 100 * time.Millisecond, LightTimeout: 5 * time.Second, MaxConcurrent: 1})
	g := newGate(t)
	// The full analysis stops at its timeout, as the analyzer does.
	s.analyze = g.hook(true, s.analyze)
	phish := fixture(t, "link-lookalike-microsoft.eml")
	out := send(t, addr, outsider, "x@bulk.example.net", "hanako@example-corp.co.jp", stalled(phish), phish)
	light, full := out[0], out[1]
	if v, _ := light.header(HeaderVerdict); v != "phishing" || light.act.Code != gomilter.ActAccept {
		t.Errorf("timed-out message: %c, verdict %q, want phishing from the light analysis", light.act.Code, v)
	}
	if v, _ := light.header(HeaderAnalysis); v != "light (full analysis timed out)" {
		t.Errorf("analysis header %q", v)
	}
	if light.has(gomilter.ActChangeHeader, "Subject") == nil {
		t.Error("the policy was not applied to the light verdict: subject not tagged")
	}
	// The timed-out analysis gave its only slot back: the next message
	// is judged in full.
	if _, ok := full.header(HeaderAnalysis); ok {
		t.Errorf("the next message was not judged in full: %+v", full.mods)
	}
	if v, _ := full.header(HeaderVerdict); v != "phishing" {
		t.Errorf("next message verdict %q", v)
	}
	m := s.cfg.Metrics
	if n := testutil.ToFloat64(m.degraded.WithLabelValues("timeout")); n != 1 {
		t.Errorf("degraded{timeout} %v, want 1", n)
	}
	if n := testutil.CollectAndCount(m.failures); n != 0 {
		t.Errorf("%d failure series, want none", n)
	}
}

func TestLightVerdictWhenSlotsHeld(t *testing.T) {
	s, addr := start(t, DefaultPolicy(), Config{Timeout: 150 * time.Millisecond, MaxConcurrent: 2})
	g := newGate(t)
	// Analyses that ignore their context hold both slots.
	s.analyze = g.hook(false, s.analyze)
	phish := fixture(t, "link-lookalike-microsoft.eml")
	held := make(chan outcome, 2)
	for range 2 {
		go func() { held <- send(t, addr, outsider, "x@bulk.example.net", "a@example.jp", stalled(phish))[0] }()
	}
	g.wait(t, 2)
	o := send(t, addr, outsider, "x@bulk.example.net", "a@example.jp", fixture(t, "phish-iso2022jp-amazon.eml"))[0]
	if v, _ := o.header(HeaderVerdict); v != "phishing" || o.act.Code != gomilter.ActAccept {
		t.Errorf("message without a free slot: %c, verdict %q", o.act.Code, v)
	}
	if v, _ := o.header(HeaderAnalysis); v != "light (no free analysis slot)" {
		t.Errorf("analysis header %q", v)
	}
	m := s.cfg.Metrics
	if n := testutil.ToFloat64(m.degraded.WithLabelValues("overload")); n != 1 {
		t.Errorf("degraded{overload} %v, want 1", n)
	}
	// The stalled ones were judged lightly, too, past their timeout.
	for range 2 {
		if h := <-held; !slices.Contains(headerValues(h, HeaderAnalysis), "light (full analysis timed out)") {
			t.Errorf("stalled message: %+v", h.mods)
		}
	}
	g.release()
	if n := testutil.ToFloat64(m.degraded.WithLabelValues("timeout")); n != 2 {
		t.Errorf("degraded{timeout} %v, want 2", n)
	}
}

func headerValues(o outcome, name string) []string {
	var v []string
	for _, m := range o.mods {
		if m.Code == gomilter.ActAddHeader && strings.EqualFold(m.HeaderName, name) {
			v = append(v, m.HeaderValue)
		}
	}
	return v
}

func TestLightVerdictOnError(t *testing.T) {
	s, addr := start(t, DefaultPolicy(), Config{})
	s.analyze = func(context.Context, *mekiki.Analyzer, []byte, mekiki.Envelope) (*mekiki.Report, error) {
		return nil, errors.New("injected failure")
	}
	o := send(t, addr, outsider, "x@bulk.example.net", "a@example.jp", fixture(t, "link-lookalike-microsoft.eml"))[0]
	if v, _ := o.header(HeaderAnalysis); v != "light (full analysis failed)" {
		t.Errorf("analysis header %q", v)
	}
	if n := testutil.ToFloat64(s.cfg.Metrics.degraded.WithLabelValues("error")); n != 1 {
		t.Errorf("degraded{error} %v", n)
	}
}

func TestPassesWhenLightAnalysisFailsToo(t *testing.T) {
	s, addr := start(t, DefaultPolicy(), Config{Timeout: 100 * time.Millisecond, LightTimeout: 100 * time.Millisecond})
	g := newGate(t)
	s.analyze, s.analyzeLight = g.hook(true, s.analyze), g.hook(true, s.analyzeLight)
	o := send(t, addr, outsider, "x@bulk.example.net", "hanako@example-corp.co.jp", stalled(fixture(t, "link-lookalike-microsoft.eml")))[0]
	if o.act.Code != gomilter.ActAccept || len(o.mods) != 0 {
		t.Errorf("message neither analysis judged: %c %+v, want accepted untouched", o.act.Code, o.mods)
	}
	if n := testutil.ToFloat64(s.cfg.Metrics.failures.WithLabelValues("timeout")); n != 1 {
		t.Errorf("timeout failures %v", n)
	}
	if n := testutil.ToFloat64(s.cfg.Metrics.degraded.WithLabelValues("timeout")); n != 0 {
		t.Errorf("degraded{timeout} %v, want 0", n)
	}
}

func TestFailClosedTempfails(t *testing.T) {
	s, addr := start(t, DefaultPolicy(), Config{FailClosed: true})
	fail := func(context.Context, *mekiki.Analyzer, []byte, mekiki.Envelope) (*mekiki.Report, error) {
		return nil, errors.New("injected failure")
	}
	s.analyze, s.analyzeLight = fail, fail
	o := send(t, addr, outsider, "x@bulk.example.net", "hanako@example-corp.co.jp", fixture(t, "legit-amazon-order.eml"))[0]
	if o.act.Code != gomilter.ActReplyCode || o.act.SMTPCode != 451 {
		t.Errorf("fail-closed: %+v", o.act)
	}
}

// waitConns waits until the server has n connections open.
func waitConns(t testing.TB, s *Server, n int) {
	t.Helper()
	for end := time.Now().Add(30 * time.Second); ; time.Sleep(2 * time.Millisecond) {
		s.mu.Lock()
		got := len(s.conns)
		s.mu.Unlock()
		if got == n {
			return
		}
		if time.Now().After(end) {
			t.Fatalf("%d connections open, want %d", got, n)
		}
	}
}

// dialIdle opens a connection that sends nothing and waits until the
// server has counted it as the open'th.
func dialIdle(t testing.TB, s *Server, addr string, open int) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	waitConns(t, s, open)
	return c
}

// closedByServer reads c until the server closes it.
func closedByServer(t testing.TB, c net.Conn) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	if n, err := c.Read(make([]byte, 1)); !errors.Is(err, io.EOF) {
		t.Fatalf("read %d bytes, %v; want the server to close the connection", n, err)
	}
}

func TestIdleConnectionClosed(t *testing.T) {
	s, addr := start(t, DefaultPolicy(), Config{IdleTimeout: 20 * time.Millisecond})
	c := dialIdle(t, s, addr, 1)
	closedByServer(t, c)
	if n := testutil.ToFloat64(s.cfg.Metrics.closed.WithLabelValues("idle")); n != 1 {
		t.Errorf("closed{idle} %v", n)
	}
}

func TestIdleTimeoutSparesMessageBeingJudged(t *testing.T) {
	// The analysis lasts longer than the idle timeout: it waits until a
	// connection opened meanwhile has been closed as idle. The message's
	// own connection, silent meanwhile, gets its reply.
	s, addr := start(t, DefaultPolicy(), Config{IdleTimeout: 500 * time.Millisecond})
	real := s.analyze
	s.analyze = func(ctx context.Context, a *mekiki.Analyzer, raw []byte, env mekiki.Envelope) (*mekiki.Report, error) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return nil, err
		}
		defer c.Close()
		c.SetReadDeadline(time.Now().Add(30 * time.Second))
		if _, err := c.Read(make([]byte, 1)); !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("the idle connection was not closed: %v", err)
		}
		return real(ctx, a, raw, env)
	}
	o := send(t, addr, outsider, "x@bulk.example.net", "a@example.jp", fixture(t, "link-lookalike-microsoft.eml"))[0]
	if v, _ := o.header(HeaderVerdict); v != "phishing" {
		t.Errorf("verdict %q", v)
	}
	if _, ok := o.header(HeaderAnalysis); ok {
		t.Errorf("judged lightly: %+v", o.mods)
	}
	if n := testutil.ToFloat64(s.cfg.Metrics.closed.WithLabelValues("idle")); n != 1 {
		t.Errorf("closed{idle} %v, want 1 (only the connection opened by the analysis)", n)
	}
}

func TestMaxConnectionsClosesLongestIdle(t *testing.T) {
	s, addr := start(t, DefaultPolicy(), Config{MaxConnections: 3})
	oldest := dialIdle(t, s, addr, 1)
	dialIdle(t, s, addr, 2)
	dialIdle(t, s, addr, 3)
	o := send(t, addr, outsider, "x@bulk.example.net", "a@example.jp", fixture(t, "link-lookalike-microsoft.eml"))[0]
	if v, _ := o.header(HeaderVerdict); v != "phishing" {
		t.Errorf("new connection at max connections: verdict %q", v)
	}
	closedByServer(t, oldest)
	m := s.cfg.Metrics
	if n := testutil.ToFloat64(m.closed.WithLabelValues("evicted")); n != 1 {
		t.Errorf("closed{evicted} %v, want 1", n)
	}
	if n := testutil.ToFloat64(m.refused); n != 0 {
		t.Errorf("refused %v", n)
	}
}

func TestMaxConnectionsSparesBusyConnections(t *testing.T) {
	s, addr := start(t, DefaultPolicy(), Config{MaxConnections: 2, Timeout: 30 * time.Second})
	g := newGate(t)
	s.analyze = g.hook(false, s.analyze)
	phish := fixture(t, "link-lookalike-microsoft.eml")
	busy := make(chan outcome, 1)
	go func() { busy <- send(t, addr, outsider, "x@bulk.example.net", "a@example.jp", stalled(phish))[0] }()
	g.wait(t, 1)
	// The busy connection has been silent longer, but its message is
	// being judged: the idle one goes.
	idle := dialIdle(t, s, addr, 2)
	o := send(t, addr, outsider, "x@bulk.example.net", "a@example.jp", phish)[0]
	if v, _ := o.header(HeaderVerdict); v != "phishing" {
		t.Errorf("new connection: verdict %q", v)
	}
	closedByServer(t, idle)
	g.release()
	if b := <-busy; len(headerValues(b, HeaderVerdict)) != 1 {
		t.Errorf("the busy connection's message: %+v", b.mods)
	}
}

func TestMaxConnectionsRefusesWhenAllBusy(t *testing.T) {
	s, addr := start(t, DefaultPolicy(), Config{MaxConnections: 1, Timeout: 30 * time.Second})
	g := newGate(t)
	s.analyze = g.hook(false, s.analyze)
	busy := make(chan outcome, 1)
	go func() {
		busy <- send(t, addr, outsider, "x@bulk.example.net", "a@example.jp", stalled(fixture(t, "link-lookalike-microsoft.eml")))[0]
	}()
	g.wait(t, 1)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	closedByServer(t, c)
	if n := testutil.ToFloat64(s.cfg.Metrics.refused); n != 1 {
		t.Errorf("refused %v", n)
	}
	g.release()
	if b := <-busy; len(headerValues(b, HeaderVerdict)) != 1 {
		t.Errorf("the busy connection's message: %+v", b.mods)
	}
}

func TestShutdownWaitsForMessages(t *testing.T) {
	s, addr := start(t, DefaultPolicy(), Config{})
	stall(s, 300*time.Millisecond)
	got := make(chan outcome, 1)
	go func() {
		got <- send(t, addr, outsider, "x@bulk.example.net", "a@example.jp", fixture(t, "link-lookalike-microsoft.eml"))[0]
	}()
	for s.inFlight.Load() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if o := <-got; o.act.Code != gomilter.ActAccept {
		t.Errorf("in-flight message: %c", o.act.Code)
	}
	if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		t.Error("still listening after shutdown")
	}
}

func TestMetricsCount(t *testing.T) {
	s, addr := start(t, DefaultPolicy(), Config{})
	send(t, addr, outsider, "x@bulk.example.net", "a@example.jp", fixture(t, "link-lookalike-microsoft.eml"), fixture(t, "legit-amazon-order.eml"))
	m := s.cfg.Metrics
	if testutil.ToFloat64(m.messages.WithLabelValues("phishing", "tag")) != 1 || testutil.ToFloat64(m.messages.WithLabelValues("clean", "none")) != 1 {
		t.Error("message counters")
	}
	if n := testutil.CollectAndCount(m.latency); n != 1 {
		t.Errorf("latency series %d", n)
	}
}

// BenchmarkMilterMessage is one message through the milter protocol on a
// kept connection, as Postfix sends it: envelope, headers, body, end of
// data, reply and header changes.
func BenchmarkMilterMessage(b *testing.B) {
	_, addr := start(b, DefaultPolicy(), Config{Logger: slog.New(slog.DiscardHandler)})
	raw := fixture(b, "link-lookalike-microsoft.eml")
	msgs := make([][]byte, b.N)
	for i := range msgs {
		msgs[i] = raw
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	b.ResetTimer()
	out := send(b, addr, outsider, "x@bulk.example.net", "a@example.jp", msgs...)
	if len(out) != b.N {
		b.Fatal("lost messages")
	}
}

// TestMain silences the milter library's own log lines ("use of closed
// network connection" when a test closes a session); the milter's slog
// lines go to each test's output.
func TestMain(m *testing.M) {
	log.SetOutput(io.Discard)
	os.Exit(m.Run())
}
