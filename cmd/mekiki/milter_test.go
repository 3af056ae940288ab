package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/smtp"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-message/textproto"

	gomilter "github.com/emersion/go-milter"
	"github.com/mekiki/mekiki/internal/integration"
	"github.com/mekiki/mekiki/internal/postfixtest"
)

func TestMilterFlagErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("phishing: maybe\n"), 0o644)
	for _, args := range [][]string{
		{"milter", "--listen", "tcp:nowhere"},
		{"milter", "--phishing", "quarantine"},
		{"milter", "--policy", bad},
		{"milter", "--policy", filepath.Join(t.TempDir(), "missing.yaml")},
		{"milter", "--log-level", "loud"},
		{"milter", "--reject-reason", "危険"},
		{"milter", "--idle-timeout", "-1s"},
		{"milter", "--light-timeout", "-1s"},
		{"milter", "extra-argument"},
	} {
		code, _, errOut := runCLI("", args...)
		if code != exitError || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.HasPrefix(errOut, "mekiki milter: ") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	for _, s := range []string{"unix:/run/m.sock", "inet:127.0.0.1:11330", "127.0.0.1:9", "inet6:[::1]:11330"} {
		if _, _, err := milterSocket(s); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
}

// milterProcess is the mekiki binary running "milter", its JSON log read
// line by line.
type milterProcess struct {
	cmd   *exec.Cmd
	lines chan map[string]any
}

// waitLog returns the first log line whose msg is msg.
func (p *milterProcess) waitLog(t *testing.T, msg string) map[string]any {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case l, ok := <-p.lines:
			if !ok {
				t.Fatalf("the milter exited before logging %q", msg)
			}
			if l["msg"] == msg {
				return l
			}
		case <-timeout:
			t.Fatalf("no %q in the milter's log", msg)
		}
	}
}

// judge sends one message over the milter protocol and returns the reply
// and the changes.
func judge(t *testing.T, sock string, raw []byte) (*gomilter.Action, []gomilter.ModifyAction) {
	t.Helper()
	c := gomilter.NewClientWithOptions("unix", sock, gomilter.ClientOptions{ReadTimeout: 10 * time.Second, WriteTimeout: 5 * time.Second,
		ActionMask: gomilter.OptAddHeader | gomilter.OptChangeHeader | gomilter.OptQuarantine})
	defer c.Close()
	s, err := c.Session()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Conn("bulk.example.net", gomilter.FamilyInet, 40000, "198.51.100.7")
	s.Helo("bulk.example.net")
	s.Mail("<x@bulk.example.net>", nil)
	s.Rcpt("<hanako@example-corp.co.jp>", nil)
	br := bufio.NewReader(bytes.NewReader(raw))
	h, _ := textproto.ReadHeader(br)
	if _, err := s.Header(h); err != nil {
		t.Fatal(err)
	}
	mods, act, err := s.BodyReadFrom(br)
	if err != nil {
		t.Fatal(err)
	}
	return act, mods
}

// buildMekiki builds the command into a temporary directory.
func buildMekiki(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "mekiki")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v %s", err, out)
	}
	return bin
}

// startMilter runs "mekiki milter" with args and reads its JSON log.
func startMilter(t *testing.T, bin string, args ...string) *milterProcess {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"milter"}, args...)...)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &milterProcess{cmd: cmd, lines: make(chan map[string]any, 100)}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			var l map[string]any
			if json.Unmarshal(sc.Bytes(), &l) != nil {
				l = map[string]any{"msg": "not JSON: " + sc.Text()}
			}
			p.lines <- l
		}
		close(p.lines)
	}()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return p
}

// TestMilterCommand runs the built binary: tags by the policy file,
// reloads it on SIGHUP (and keeps it when the new one is broken), serves
// metrics, and stops on SIGTERM with exit 0 and its socket removed.
func TestMilterCommand(t *testing.T) {
	dir := t.TempDir()
	policy := filepath.Join(dir, "policy.yaml")
	os.WriteFile(policy, []byte("phishing: tag\n"), 0o644)
	sock := filepath.Join(dir, "milter.sock")
	p := startMilter(t, buildMekiki(t), "--listen", "unix:"+sock, "--policy", policy, "--metrics", "127.0.0.1:0", "--no-feeds")
	cmd := p.cmd
	metrics, _ := p.waitLog(t, "metrics")["address"].(string)
	p.waitLog(t, "milter listening")
	phish, err := os.ReadFile("../../testdata/link-lookalike-microsoft.eml")
	if err != nil {
		t.Fatal(err)
	}

	act, mods := judge(t, sock, phish)
	tagged := false
	for _, m := range mods {
		tagged = tagged || (m.Code == gomilter.ActChangeHeader && m.HeaderName == "Subject")
	}
	if act.Code != gomilter.ActAccept || !tagged {
		t.Fatalf("before reload: %c, tagged %v", act.Code, tagged)
	}
	if l := p.waitLog(t, "message judged"); l["verdict"] != "phishing" || l["action"] != "tag" {
		t.Errorf("log line %v", l)
	}

	os.WriteFile(policy, []byte("phishing: reject\nreject_reason: Refused by policy\n"), 0o644)
	cmd.Process.Signal(syscall.SIGHUP)
	p.waitLog(t, "reloaded")
	if act, _ := judge(t, sock, phish); act.Code != gomilter.ActReplyCode || act.SMTPCode != 550 || act.SMTPText != "5.7.1 Refused by policy" {
		t.Errorf("after reload: %+v", act)
	}
	os.WriteFile(policy, []byte("phishing: [broken\n"), 0o644)
	cmd.Process.Signal(syscall.SIGHUP)
	p.waitLog(t, "reload failed; the running policy and knowledge stay")
	if act, _ := judge(t, sock, phish); act.SMTPCode != 550 {
		t.Errorf("after a failed reload: %+v", act)
	}

	resp, err := http.Get(metrics)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`mekiki_milter_messages_total{action="tag",verdict="phishing"} 1`, `mekiki_milter_messages_total{action="reject",verdict="phishing"} 2`,
		`mekiki_milter_reloads_total{result="error"} 1`, `mekiki_milter_latency_seconds_count 3`, "go_goroutines",
		`mekiki_milter_degraded_total{reason="timeout"} 0`, `mekiki_milter_connections_closed_total{reason="evicted"} 0`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}

	cmd.Process.Signal(syscall.SIGTERM)
	p.waitLog(t, "milter stopped")
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit: %v", err)
	}
	if _, err := os.Stat(sock); !os.IsNotExist(err) {
		t.Errorf("socket left behind: %v", err)
	}
}

// TestMilterBinaryWithPostfix is the set-up an admin makes: the built
// binary on a unix socket, a real Postfix using it; a phishing mail comes
// out of Postfix tagged and marked.
func TestMilterBinaryWithPostfix(t *testing.T) {
	bin := buildMekiki(t)
	dir, err := os.MkdirTemp("", "mekiki-milter-")
	if err != nil {
		t.Fatal(err)
	}
	// Postfix's smtpd, running as the postfix user, must reach the socket.
	os.Chmod(dir, 0o755)
	t.Cleanup(func() { os.RemoveAll(dir) })
	sock := filepath.Join(dir, "milter.sock")
	p := startMilter(t, bin, "--listen", "unix:"+sock, "--no-feeds")
	p.waitLog(t, "milter listening")
	pf, err := postfixtest.Start(postfixtest.Options{Milter: "unix:" + sock, Domains: []string{"example-corp.co.jp"}})
	if err != nil {
		if errors.Is(err, postfixtest.ErrUnavailable) {
			integration.RequireOrSkip(t, err.Error())
		}
		t.Fatal(err)
	}
	t.Cleanup(pf.Stop)
	phish, _ := os.ReadFile("../../testdata/phish-iso2022jp-amazon.eml")
	if err := smtp.SendMail(pf.Addr, nil, "bounce@bulk-mailer.example.net", []string{"hanako@example-corp.co.jp"}, phish); err != nil {
		t.Fatal(err)
	}
	if err := pf.Settle(1, 20*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, pf.Log())
	}
	msgs, _ := pf.Delivered()
	if len(msgs) != 1 || !bytes.Contains(msgs[0], []byte("X-Mekiki-Verdict: phishing")) || !bytes.Contains(msgs[0], []byte("Subject: =?UTF-8?b?")) {
		t.Fatalf("delivered %d messages, want one marked and tagged:\n%s", len(msgs), pf.Log())
	}
	if l := p.waitLog(t, "message judged"); l["queue_id"] == "" || l["verdict"] != "phishing" {
		t.Errorf("log line %v lacks Postfix's queue id or the verdict", l)
	}
}
