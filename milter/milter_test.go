package milter

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
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
	raw := append([]byte("X-Mekiki-Verdict: clean\r\nX-Mekiki-Score: 0\r\nX-Mekiki-Verdict: clean\r\n"), fixture(t, "link-lookalike-microsoft.eml")...)
	o := send(t, addr, outsider, "x@bulk.example.net", "hanako@example-corp.co.jp", raw)[0]
	var removed []string
	for _, m := range o.mods {
		if m.Code == gomilter.ActChangeHeader && m.HeaderValue == "" {
			removed = append(removed, m.HeaderName+"#"+string(rune('0'+m.HeaderIndex)))
		}
	}
	if strings.Join(removed, " ") != "X-Mekiki-Verdict#2 X-Mekiki-Score#1 X-Mekiki-Verdict#1" {
		t.Errorf("removed %v", removed)
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

// stall replaces the analysis with one that takes longer than any timeout.
func stall(s *Server, d time.Duration) {
	s.analyze = func(ctx context.Context, a *mekiki.Analyzer, raw []byte, env mekiki.Envelope) (*mekiki.Report, error) {
		time.Sleep(d)
		return a.AnalyzeEnvelope(ctx, bytes.NewReader(raw), env)
	}
}

func TestFailOpenOnTimeout(t *testing.T) {
	s, addr := start(t, DefaultPolicy(), Config{Timeout: 100 * time.Millisecond})
	stall(s, 400*time.Millisecond)
	o := send(t, addr, outsider, "x@bulk.example.net", "hanako@example-corp.co.jp", fixture(t, "link-lookalike-microsoft.eml"))[0]
	if o.act.Code != gomilter.ActAccept || len(o.mods) != 0 {
		t.Errorf("timed-out message: %c %+v, want accepted untouched", o.act.Code, o.mods)
	}
	if n := testutil.ToFloat64(s.cfg.Metrics.failures.WithLabelValues("timeout")); n != 1 {
		t.Errorf("timeout failures %v", n)
	}
}

func TestFailClosedTempfails(t *testing.T) {
	s, addr := start(t, DefaultPolicy(), Config{FailClosed: true})
	s.analyze = func(context.Context, *mekiki.Analyzer, []byte, mekiki.Envelope) (*mekiki.Report, error) {
		return nil, errors.New("injected failure")
	}
	o := send(t, addr, outsider, "x@bulk.example.net", "hanako@example-corp.co.jp", fixture(t, "legit-amazon-order.eml"))[0]
	if o.act.Code != gomilter.ActReplyCode || o.act.SMTPCode != 451 {
		t.Errorf("fail-closed: %+v", o.act)
	}
}

func TestOverloadPasses(t *testing.T) {
	s, addr := start(t, DefaultPolicy(), Config{Timeout: 150 * time.Millisecond, MaxConcurrent: 1})
	stall(s, time.Second)
	phish := fixture(t, "link-lookalike-microsoft.eml")
	// The first stalls past its timeout and keeps the only slot; the
	// second finds none.
	send(t, addr, outsider, "x@bulk.example.net", "a@example.jp", phish)
	o := send(t, addr, outsider, "x@bulk.example.net", "a@example.jp", phish)[0]
	if o.act.Code != gomilter.ActAccept || len(o.mods) != 0 {
		t.Errorf("overloaded message: %c %+v", o.act.Code, o.mods)
	}
	if n := testutil.ToFloat64(s.cfg.Metrics.failures.WithLabelValues("overload")); n != 1 {
		t.Errorf("overload failures %v", n)
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
