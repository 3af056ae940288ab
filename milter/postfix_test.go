package milter

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/internal/hostile"
	"github.com/mekiki/mekiki/internal/integration"
	"github.com/mekiki/mekiki/internal/postfixtest"
)

// postfix starts a throw-away Postfix on loopback whose smtpd uses the
// milter at milterAddr (none when empty).
func postfix(t testing.TB, milterAddr string, domains ...string) *postfixtest.Postfix {
	return postfixWith(t, milterAddr, nil, domains...)
}

// postfixWith is postfix with more main.cf lines.
func postfixWith(t testing.TB, milterAddr string, extra []string, domains ...string) *postfixtest.Postfix {
	t.Helper()
	o := postfixtest.Options{Domains: domains, Extra: extra}
	if milterAddr != "" {
		o.Milter = "inet:" + milterAddr
	}
	return postfixStart(t, o)
}

// postfixStart starts Postfix with o, skips (or fails under
// MEKIKI_REQUIRE_INTEGRATION=1) when it is not installed, prints its
// log when the test fails and stops it when the test ends.
func postfixStart(t testing.TB, o postfixtest.Options) *postfixtest.Postfix {
	t.Helper()
	p, err := postfixtest.Start(o)
	if err != nil {
		if errors.Is(err, postfixtest.ErrUnavailable) {
			integration.RequireOrSkip(t, err.Error())
		}
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("postfix log:\n%s", p.Log())
		}
		p.Stop()
	})
	return p
}

// withCase puts an X-Test-Case field on top, to find the message again.
func withCase(name string, raw []byte) []byte {
	return append([]byte("X-Test-Case: "+name+"\r\n"), raw...)
}

// testCase is the X-Test-Case of a delivered message.
func testCase(raw []byte) string {
	if v := headerOf(raw, "X-Test-Case"); len(v) > 0 {
		return v[0]
	}
	return ""
}

// delivered finds the delivered messages by test case.
func delivered(t testing.TB, p *postfixtest.Postfix) map[string][]*mekiki.Report {
	t.Helper()
	msgs, err := p.Delivered()
	if err != nil {
		t.Fatal(err)
	}
	a, _ := mekiki.New(mekiki.Options{})
	out := map[string][]*mekiki.Report{}
	for _, raw := range msgs {
		rep, err := a.Analyze(context.Background(), bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		out[testCase(raw)] = append(out[testCase(raw)], rep)
	}
	return out
}

func headerOf(raw []byte, name string) []string {
	var vals []string
	head, _, _ := bytes.Cut(raw, []byte("\n\n"))
	for _, line := range strings.Split(string(head), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, name) {
			vals = append(vals, strings.TrimSpace(v))
		}
	}
	return vals
}

func TestPostfixMarksTagsHoldsAndRejects(t *testing.T) {
	hold, reject := ActionHold, ActionReject
	p := DefaultPolicy()
	p.Domains = map[string]DomainActions{"reject.example.jp": {Phishing: &reject}, "hold.example.jp": {Phishing: &hold}}
	if err := p.Check(); err != nil {
		t.Fatal(err)
	}
	_, maddr := start(t, p, Config{})
	// Postfix is configured with the snippet deploy/ gives admins.
	snippet, err := os.ReadFile("../deploy/postfix-main.cf")
	if err != nil {
		t.Fatal(err)
	}
	var extra []string
	for _, line := range strings.Split(string(snippet), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			extra = append(extra, strings.ReplaceAll(line, "inet:127.0.0.1:11330", "inet:"+maddr))
		}
	}
	if !slices.Contains(extra, "smtpd_milters = inet:"+maddr) {
		t.Fatalf("the snippet does not set smtpd_milters: %v", extra)
	}
	pf := postfixWith(t, "", extra, "example-corp.co.jp", "reject.example.jp", "hold.example.jp")
	phish := fixture(t, "link-lookalike-microsoft.eml")
	legit := fixture(t, "legit-amazon-order.eml")
	forged := append([]byte("X-Mekiki-Verdict: clean\r\n"), phish...)
	send := func(name, rcpt string, raw []byte) error {
		return smtp.SendMail(pf.Addr, nil, "bounce@bulk-mailer.example.net", []string{rcpt}, withCase(name, raw))
	}
	for _, c := range []struct {
		name, rcpt string
		raw        []byte
	}{{"legit", "hanako@example-corp.co.jp", legit}, {"phish", "hanako@example-corp.co.jp", phish},
		{"forged", "hanako@example-corp.co.jp", forged}, {"hold", "jiro@hold.example.jp", phish}} {
		if err := send(c.name, c.rcpt, c.raw); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
	}
	err = send("reject", "taro@reject.example.jp", phish)
	if err == nil || !strings.Contains(err.Error(), "550") || !strings.Contains(err.Error(), "5.7.1 "+DefaultRejectReason) {
		t.Errorf("reject: the SMTP client was told %v", err)
	}
	if err := pf.Settle(4, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	got := delivered(t, pf)
	if len(got["legit"]) != 1 || len(got["phish"]) != 1 || len(got["forged"]) != 1 || len(got["reject"]) != 0 || len(got["hold"]) != 0 {
		t.Fatalf("delivered: %v", got)
	}
	if s := got["legit"][0].Message.Subject; strings.HasPrefix(s, DefaultSubjectPrefix) {
		t.Errorf("legitimate mail tagged: %q", s)
	}
	for _, name := range []string{"phish", "forged"} {
		if s := got[name][0].Message.Subject; !strings.HasPrefix(s, DefaultSubjectPrefix+" ") {
			t.Errorf("%s: subject %q not tagged", name, s)
		}
	}
	msgs, _ := pf.Delivered()
	for _, raw := range msgs {
		if head, _, _ := bytes.Cut(raw, []byte("\n\n")); bytes.Contains(head, []byte("\r")) {
			t.Errorf("a stray CR in the delivered header:\n%s", head)
		}
		v := headerOf(raw, HeaderVerdict)
		switch {
		case bytes.Contains(raw, []byte("X-Test-Case: legit")):
			if len(v) != 1 || v[0] != "clean" {
				t.Errorf("legit verdict headers %v", v)
			}
		default:
			if len(v) != 1 || v[0] != "phishing" {
				t.Errorf("phishing verdict headers %v (a forged copy must be gone)", v)
			}
			if len(headerOf(raw, HeaderScore)) != 1 || len(headerOf(raw, HeaderFindings)) != 1 {
				t.Error("score or findings header missing")
			}
		}
	}
	held, err := pf.Held()
	if err != nil || len(held) != 1 || !strings.Contains(held[0], "X-Mekiki-Verdict: phishing") || !strings.Contains(held[0], "X-Test-Case: hold") {
		t.Errorf("hold queue: %v %d", err, len(held))
	}
	if !strings.Contains(pf.Log(), "milter-hold: END-OF-MESSAGE") {
		t.Error("postfix did not log the hold")
	}
}

// deliverOne sends raw to hanako@example-corp.co.jp through pf and
// returns it as delivered.
func deliverOne(t *testing.T, pf *postfixtest.Postfix, raw []byte) []byte {
	t.Helper()
	if err := smtp.SendMail(pf.Addr, nil, "x@bulk-mailer.example.net", []string{"hanako@example-corp.co.jp"}, raw); err != nil {
		t.Fatal(err)
	}
	if err := pf.Settle(1, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	msgs, err := pf.Delivered()
	if err != nil || len(msgs) != 1 {
		t.Fatalf("delivered %d messages (%v), want 1", len(msgs), err)
	}
	return msgs[0]
}

func TestPostfixMarksLightWhenAnalysisStalls(t *testing.T) {
	s, maddr := start(t, DefaultPolicy(), Config{Timeout: 200 * time.Millisecond, LightTimeout: 5 * time.Second})
	g := newGate(t)
	s.analyze = g.hook(true, s.analyze)
	pf := postfix(t, maddr, "example-corp.co.jp")
	got := deliverOne(t, pf, stalled(fixture(t, "link-lookalike-microsoft.eml")))
	if v := headerOf(got, HeaderVerdict); len(v) != 1 || v[0] != "phishing" {
		t.Errorf("stalled analysis: verdict headers %v, want phishing from the light analysis", v)
	}
	if v := headerOf(got, HeaderAnalysis); len(v) != 1 || v[0] != "light (full analysis timed out)" {
		t.Errorf("analysis headers %v", v)
	}
	if !bytes.Contains(got, []byte("Subject: =?UTF-8?b?")) {
		t.Error("subject not tagged")
	}
}

func TestPostfixDeliversWhenBothAnalysesStall(t *testing.T) {
	s, maddr := start(t, DefaultPolicy(), Config{Timeout: 200 * time.Millisecond, LightTimeout: 200 * time.Millisecond})
	g := newGate(t)
	s.analyze, s.analyzeLight = g.hook(true, s.analyze), g.hook(true, s.analyzeLight)
	pf := postfix(t, maddr, "example-corp.co.jp")
	got := deliverOne(t, pf, stalled(fixture(t, "link-lookalike-microsoft.eml")))
	if len(headerOf(got, HeaderVerdict)) != 0 || bytes.Contains(got, []byte("=?UTF-8?b?")) {
		t.Fatal("stalled analyses: the message was changed, want it untouched")
	}
}

// TestPostfixAttackSlotsHeld replays the attack of issue 16 through a
// real Postfix: eight 1.4 MB brand-repeating mails hold all eight
// analysis slots (their analyses stall and ignore their deadline, the
// worst case), and the bundled Amazon phishing example sent meanwhile is
// still delivered marked phishing, by the light analysis.
func TestPostfixAttackSlotsHeld(t *testing.T) {
	const slots = 8
	s, maddr := start(t, DefaultPolicy(), Config{Timeout: time.Second, LightTimeout: 5 * time.Second, MaxConcurrent: slots})
	g := newGate(t)
	s.analyze = g.hook(false, s.analyze)
	pf := postfix(t, maddr, "example-corp.co.jp")
	hostileMail := stalled(withCase("hostile", hostile.BrandRepeat(200000)))
	sent := make(chan error, slots)
	for range slots {
		go func() {
			sent <- smtp.SendMail(pf.Addr, nil, "info@amazon-notice.example.top", []string{"hanako@example-corp.co.jp"}, hostileMail)
		}()
	}
	g.wait(t, slots)
	amazon, err := os.ReadFile("../examples/phish-amazon-iso2022jp.eml")
	if err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	if err := smtp.SendMail(pf.Addr, nil, "x@bulk-mailer.example.net", []string{"hanako@example-corp.co.jp"}, withCase("amazon", amazon)); err != nil {
		t.Fatal(err)
	}
	t.Logf("the Amazon example was accepted %v after DATA began, with all %d slots held", time.Since(began).Round(time.Millisecond), slots)
	for range slots {
		if err := <-sent; err != nil {
			t.Fatal(err)
		}
	}
	g.release()
	if err := pf.Settle(slots+1, time.Minute); err != nil {
		t.Fatal(err)
	}
	msgs, err := pf.Delivered()
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, raw := range msgs {
		name := testCase(raw)
		n[name]++
		verdict, analysis := headerOf(raw, HeaderVerdict), headerOf(raw, HeaderAnalysis)
		want := map[string]string{"amazon": "light (no free analysis slot)", "hostile": "light (full analysis timed out)"}[name]
		if len(verdict) != 1 || verdict[0] != "phishing" || len(analysis) != 1 || analysis[0] != want {
			t.Errorf("%s: verdict %v, analysis %v; want phishing, %s", name, verdict, analysis, want)
		}
	}
	if n["amazon"] != 1 || n["hostile"] != slots {
		t.Errorf("delivered %v", n)
	}
	m := s.cfg.Metrics
	if testutil.ToFloat64(m.degraded.WithLabelValues("overload")) != 1 || testutil.ToFloat64(m.degraded.WithLabelValues("timeout")) != slots {
		t.Errorf("degraded: overload %v, timeout %v", testutil.ToFloat64(m.degraded.WithLabelValues("overload")), testutil.ToFloat64(m.degraded.WithLabelValues("timeout")))
	}
}

// TestPostfixServedPastIdleConnections replays the other half: 1,024
// connections to the milter that send nothing fill --max-connections,
// and a message through Postfix is still judged in full, the oldest idle
// connection closed to admit Postfix's.
func TestPostfixServedPastIdleConnections(t *testing.T) {
	const idle = 1024
	// Both ends of each connection are in this process.
	if err := raiseNoFile(2*idle + 256); err != nil {
		integration.RequireOrSkip(t, err.Error())
	}
	s, maddr := start(t, DefaultPolicy(), Config{MaxConnections: idle})
	pf := postfix(t, maddr, "example-corp.co.jp")
	// Postfix's start-up probe of its SMTP port opens a milter connection
	// too: wait until that session is over (smtpd connects to the milter
	// before it logs the disconnect) and its connection closed.
	for end := time.Now().Add(20 * time.Second); !strings.Contains(pf.Log(), "disconnect from"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("Postfix's start-up probe did not end:\n%s", pf.Log())
		}
	}
	waitConns(t, s, 0)
	conns := make([]net.Conn, idle)
	for i := range conns {
		c, err := net.Dial("tcp", maddr)
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		defer c.Close()
		conns[i] = c
		if i == 0 {
			// The first is the oldest for sure.
			waitConns(t, s, 1)
		}
	}
	waitConns(t, s, idle)
	got := deliverOne(t, pf, fixture(t, "phish-iso2022jp-amazon.eml"))
	if v := headerOf(got, HeaderVerdict); len(v) != 1 || v[0] != "phishing" || len(headerOf(got, HeaderAnalysis)) != 0 {
		t.Errorf("past %d idle connections: verdict %v, analysis %v; want phishing, judged in full", idle, v, headerOf(got, HeaderAnalysis))
	}
	closedByServer(t, conns[0])
	m := s.cfg.Metrics
	if n := testutil.ToFloat64(m.closed.WithLabelValues("evicted")); n != 1 {
		t.Errorf("closed{evicted} %v", n)
	}
	if n := testutil.ToFloat64(m.refused); n != 0 {
		t.Errorf("refused %v", n)
	}
	if strings.Contains(pf.Log(), "milter") {
		t.Errorf("Postfix reported a milter problem:\n%s", pf.Log())
	}
}

// raiseNoFile makes sure this process may open n files.
func raiseNoFile(n uint64) error {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return err
	}
	if lim.Cur >= n {
		return nil
	}
	if lim.Max < n {
		return fmt.Errorf("RLIMIT_NOFILE hard limit %d is below the %d files the test opens (ulimit -Hn)", lim.Max, n)
	}
	lim.Cur = n
	return syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
}

func TestPostfixDeliversWhenMilterIsDown(t *testing.T) {
	// The milter was there and is gone (killed): milter_default_action =
	// accept, as deploy/postfix-main.cf and this instance set it, delivers.
	s, maddr := start(t, DefaultPolicy(), Config{})
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	s.Shutdown(ctx)
	if c, err := net.DialTimeout("tcp", maddr, time.Second); err == nil {
		c.Close()
		t.Fatal("milter still listening")
	}
	pf := postfix(t, maddr, "example-corp.co.jp")
	deliverOne(t, pf, fixture(t, "legit-amazon-order.eml"))
	if !strings.Contains(pf.Log(), "connect to Milter service") {
		t.Errorf("Postfix did not try the milter:\n%s", pf.Log())
	}
}
