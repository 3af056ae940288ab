package milter

import (
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mekiki/mekiki/internal/dnstest"
	"github.com/mekiki/mekiki/internal/dovecottest"
	"github.com/mekiki/mekiki/internal/postfixtest"
	"github.com/mekiki/mekiki/internal/proc"
)

// The colleague of the SASL test and the password Dovecot holds for her.
const (
	saslUser     = "it-admin@example-corp.co.jp"
	saslPassword = "test-Passw0rd"
)

// dovecotAuth starts a throw-away Dovecot (as scan/imap_test.go does)
// running only its authentication service: a passwd-file passdb with
// saslUser, and an auth socket for Postfix in a temporary directory. It
// returns the socket's path.
func dovecotAuth(t *testing.T) string {
	t.Helper()
	bin := dovecottest.Binary(t, "dovecot-core")
	dir := dovecottest.Dir(t, "mekiki-dovecot-auth-")
	internal, login := "dovecot", "dovenull"
	if me, _ := user.Current(); me != nil && me.Uid != "0" {
		internal, login = me.Username, me.Username
	}
	os.WriteFile(filepath.Join(dir, "passwd"), []byte(saslUser+":{PLAIN}"+saslPassword+"::::::\n"), 0o644)
	sock := filepath.Join(dir, "auth-postfix")
	conf := fmt.Sprintf(`protocols =
base_dir = %[1]s/run
state_dir = %[1]s/state
log_path = %[1]s/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
# No wait after the wrong password.
auth_failure_delay = 0
default_internal_user = %[2]s
default_login_user = %[3]s
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%%u %[1]s/passwd
}
userdb {
  driver = static
  args = uid=65534 gid=65534 home=/nonexistent
}
service auth {
  unix_listener %[4]s {
    mode = 0666
  }
}
service anvil {
  chroot =
}
`, dir, internal, login, sock)
	cfg := filepath.Join(dir, "dovecot.conf")
	os.WriteFile(cfg, []byte(conf), 0o644)
	cmd := exec.Command(bin, "-F", "-c", cfg)
	out, _ := os.Create(filepath.Join(dir, "stdout.log"))
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start dovecot: %v", err)
	}
	logs := func() string {
		l, _ := os.ReadFile(filepath.Join(dir, "dovecot.log"))
		so, _ := os.ReadFile(filepath.Join(dir, "stdout.log"))
		return string(l) + string(so)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("dovecot log:\n%s", logs())
		}
		proc.Stop(cmd, 10*time.Second)
	})
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if c, err := net.Dial("unix", sock); err == nil {
			c.Close()
			return sock
		}
	}
	t.Fatalf("dovecot did not listen on %s:\n%s", sock, logs())
	return ""
}

// submitAs signs in at the submission service addr as user and sends raw,
// after XCLIENT has made the client look like attrs (an address outside).
func submitAs(addr, attrs, helo, user, password, from, rcpt string, raw []byte) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	tc := textproto.NewConn(conn)
	if _, _, err := tc.ReadResponse(220); err != nil {
		return err
	}
	if err := tc.PrintfLine("EHLO test-client.example"); err != nil {
		return err
	}
	if _, _, err := tc.ReadResponse(250); err != nil {
		return err
	}
	// XCLIENT's reply is the new session's greeting: net/smtp reads it.
	if err := tc.PrintfLine("XCLIENT %s", attrs); err != nil {
		return err
	}
	// "localhost": net/smtp's PlainAuth sends a password unencrypted
	// only to it.
	c, err := smtp.NewClient(conn, "localhost")
	if err != nil {
		return err
	}
	if err := c.Hello(helo); err != nil {
		return err
	}
	if err := c.Auth(smtp.PlainAuth("", user, password, "localhost")); err != nil {
		return err
	}
	if err := c.Mail(from); err != nil {
		return err
	}
	if err := c.Rcpt(rcpt); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(raw); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// TestPostfixTrustsDovecotSASL: a colleague at home signs in at the
// submission service with SMTP AUTH, Postfix asking Dovecot; her IT
// notice is clean. The same mail to the MX without signing in is a
// spoof of the company's own domain.
func TestPostfixTrustsDovecotSASL(t *testing.T) {
	sock := dovecotAuth(t)
	zone, _ := corpZone(t)
	_, maddr := start(t, DefaultPolicy(), Config{Verifier: verifier(dnstest.Serve(t, zone), 2*time.Second), AuthServID: testServID})
	pf := postfixStart(t, postfixtest.Options{Milter: "inet:" + maddr, Domains: []string{"example-corp.co.jp"},
		Extra: []string{"smtpd_authorized_xclient_hosts = 127.0.0.0/8"},
		Submission: []string{
			"smtpd_sasl_auth_enable=yes",
			"smtpd_sasl_type=dovecot",
			"smtpd_sasl_path=" + sock,
			// Loopback only: no TLS in this test.
			"smtpd_tls_security_level=none",
			"smtpd_tls_auth_only=no",
			"smtpd_relay_restrictions=permit_sasl_authenticated,reject",
			"smtpd_recipient_restrictions=permit_sasl_authenticated,reject",
		}})
	outsider := "ADDR=" + outsideIP + " NAME=" + outside + " HELO=" + outside
	rcpt := "hanako@example-corp.co.jp"

	if err := submitAs(pf.SubmissionAddr, outsider, outside, saslUser, saslPassword, saslUser, rcpt, withCase("sasl", itNotice(""))); err != nil {
		t.Fatalf("submission with SMTP AUTH: %v", err)
	}
	// A wrong password: Dovecot says no, Postfix refuses. (After the
	// right one: Dovecot delays the next login from an address that
	// failed.)
	if err := submitAs(pf.SubmissionAddr, outsider, outside, saslUser, "wrong", saslUser, rcpt, withCase("wrong", itNotice(""))); err == nil || !strings.Contains(err.Error(), "535") {
		t.Fatalf("wrong password: %v, want 535", err)
	}
	smtpAs(t, pf.Addr, outsider, outside, saslUser, rcpt, withCase("mx", itNotice("")))
	if err := pf.Settle(2, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	msgs, err := pf.Delivered()
	if err != nil || len(msgs) != 2 {
		t.Fatalf("delivered %d (%v), want 2", len(msgs), err)
	}
	seen := map[string]bool{}
	for _, raw := range msgs {
		name := testCase(raw)
		seen[name] = true
		verdict, findings, ar := headerOf(raw, HeaderVerdict), strings.Join(unfolded(raw, HeaderFindings), " "), authHeaders(raw)
		t.Logf("%s: verdict %v, findings %s, Authentication-Results %q", name, verdict, findings, ar)
		switch name {
		case "sasl":
			if len(verdict) != 1 || verdict[0] != "clean" {
				t.Errorf("signed-in colleague: verdict %v, want clean", verdict)
			}
			if strings.Contains(findings, "sender.own_domain_spoof") || strings.Contains(findings, "auth.") {
				t.Errorf("signed-in colleague: findings %s", findings)
			}
			if len(ar) != 1 || ar[0] != testServID+"; auth=pass" {
				t.Errorf("signed-in colleague: Authentication-Results %q, want %q", ar, testServID+"; auth=pass")
			}
		case "mx":
			if len(verdict) != 1 || verdict[0] != "phishing" {
				t.Errorf("not signed in: verdict %v, want phishing", verdict)
			}
			if !strings.Contains(findings, "sender.own_domain_spoof") {
				t.Errorf("not signed in: findings %s lack sender.own_domain_spoof", findings)
			}
			if len(ar) != 1 || strings.Contains(ar[0], "auth=pass") {
				t.Errorf("not signed in: Authentication-Results %q", ar)
			}
		default:
			t.Errorf("unexpected message %q", name)
		}
	}
	if !seen["sasl"] || !seen["mx"] {
		t.Errorf("delivered %v, want sasl and mx", seen)
	}
	// Postfix really asked Dovecot: its log names the SASL login.
	if log := pf.Log(); !strings.Contains(log, "sasl_method=PLAIN, sasl_username="+saslUser) {
		t.Errorf("postfix log lacks the SASL login:\n%s", log)
	}
}
