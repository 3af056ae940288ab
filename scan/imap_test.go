package scan

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/internal/dovecottest"
	"github.com/mekiki/mekiki/internal/proc"
)

// dovecot starts a throw-away Dovecot IMAP server on a loopback port with
// one user (test / secret) whose mail is a Maildir in a temp directory.
func dovecot(t *testing.T) string {
	addr, _, _ := dovecotServer(t, false)
	return addr
}

// dovecotServer is dovecot; with withTLS it also serves STARTTLS on the
// plain port and IMAPS on a second one, with a certificate for 127.0.0.1
// signed by a throw-away CA (caFile).
func dovecotServer(t *testing.T, withTLS bool) (addr, tlsAddr, caFile string) {
	t.Helper()
	bin := dovecottest.Binary(t, "dovecot-imapd")
	dir := dovecottest.Dir(t, "mekiki-dovecot-")
	port, tlsPort := freePort(t), 0
	sslConf := "ssl = no\ndisable_plaintext_auth = no"
	if withTLS {
		tlsPort = freePort(t)
		caFile = writeTestCerts(t, dir)
		sslConf = fmt.Sprintf("ssl = required\nssl_cert = <%[1]s/cert.pem\nssl_key = <%[1]s/key.pem", dir)
	}
	me, _ := user.Current()
	internal, login := "dovecot", "dovenull"
	mailUID, mailGID := me.Uid, me.Gid
	if me.Uid != "0" {
		internal, login = me.Username, me.Username
	} else {
		// Dovecot never runs a mail process as root: the mailbox belongs
		// to nobody.
		nobody, err := user.Lookup("nobody")
		if err != nil {
			t.Fatal(err)
		}
		mailUID, mailGID = nobody.Uid, nobody.Gid
	}
	home := filepath.Join(dir, "home", "test")
	os.MkdirAll(home, 0o755)
	uid, _ := strconv.Atoi(mailUID)
	gid, _ := strconv.Atoi(mailGID)
	os.Chown(home, uid, gid)
	os.WriteFile(filepath.Join(dir, "passwd"), []byte("test:{PLAIN}secret::::::\n"), 0o644)
	conf := fmt.Sprintf(`protocols = imap
listen = 127.0.0.1
base_dir = %[1]s/run
state_dir = %[1]s/state
log_path = %[1]s/dovecot.log
%[7]s
auth_mechanisms = plain
default_internal_user = %[4]s
default_login_user = %[5]s
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%%u %[1]s/passwd
}
userdb {
  driver = static
  args = uid=%[2]s gid=%[3]s home=%[1]s/home/%%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = %[6]d
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = %[8]d
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`, dir, mailUID, mailGID, internal, login, port, sslConf, tlsPort)
	cfg := filepath.Join(dir, "dovecot.conf")
	os.WriteFile(cfg, []byte(conf), 0o644)
	cmd := exec.Command(bin, "-F", "-c", cfg)
	out, _ := os.Create(filepath.Join(dir, "stdout.log"))
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start dovecot: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			logs, _ := os.ReadFile(filepath.Join(dir, "dovecot.log"))
			so, _ := os.ReadFile(filepath.Join(dir, "stdout.log"))
			t.Logf("dovecot log:\n%s\n%s", logs, so)
		}
		proc.Stop(cmd, 10*time.Second)
	})
	addr = fmt.Sprintf("127.0.0.1:%d", port)
	if withTLS {
		tlsAddr = fmt.Sprintf("127.0.0.1:%d", tlsPort)
	}
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return addr, tlsAddr, caFile
		}
	}
	logs, _ := os.ReadFile(filepath.Join(dir, "dovecot.log"))
	so, _ := os.ReadFile(filepath.Join(dir, "stdout.log"))
	t.Fatalf("dovecot did not listen on %s:\n%s\n%s", addr, logs, so)
	return "", "", ""
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// writeTestCerts writes a throw-away CA (ca.pem) and a server
// certificate for 127.0.0.1 signed by it (cert.pem, key.pem) into dir.
func writeTestCerts(t *testing.T, dir string) string {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mekiki test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true}
	caDER, _ := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	ca, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, _ := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	keyDER, _ := x509.MarshalECPrivateKey(key)
	write := func(name, typ string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: b}), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ca.pem", "CERTIFICATE", caDER)
	write("cert.pem", "CERTIFICATE", der)
	write("key.pem", "EC PRIVATE KEY", keyDER)
	return filepath.Join(dir, "ca.pem")
}

// appendMails stores messages in the user's INBOX over IMAP.
func appendMails(t *testing.T, addr string, mails []string) {
	t.Helper()
	c, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login("test", "secret").Wait(); err != nil {
		t.Fatal(err)
	}
	for _, m := range mails {
		cmd := c.Append("INBOX", int64(len(m)), nil)
		cmd.Write([]byte(m))
		cmd.Close()
		if _, err := cmd.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	c.Logout().Wait()
}

// folderCount returns how many messages a folder holds and their flags.
func folderCount(t *testing.T, addr, folder string) (int, [][]imap.Flag) {
	t.Helper()
	c, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Login("test", "secret").Wait()
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return 0, nil
	}
	var flags [][]imap.Flag
	if sel.NumMessages > 0 {
		msgs, _ := c.Fetch(imap.SeqSetNum(seqRange(sel.NumMessages)...), &imap.FetchOptions{Flags: true}).Collect()
		for _, m := range msgs {
			flags = append(flags, m.Flags)
		}
	}
	return int(sel.NumMessages), flags
}

func seqRange(n uint32) []uint32 {
	var out []uint32
	for i := uint32(1); i <= n; i++ {
		out = append(out, i)
	}
	return out
}

func TestIMAPScanMoveAndKeyword(t *testing.T) {
	addr := dovecot(t)
	mails := []string{phishMail(1, "hanako@example-corp.co.jp"), cleanMail(1), phishMail(2, "taro@example-corp.co.jp"), cleanMail(2), oddPhish}
	appendMails(t, addr, mails)

	box, err := ParseIMAPURL("imap://test@" + addr + "/INBOX?tls=none")
	if err != nil {
		t.Fatal(err)
	}
	box.Password = "secret"
	if err := box.Connect(); err != nil {
		t.Fatal(err)
	}
	defer box.Close()
	a, _ := mekiki.New(mekiki.Options{})
	sum := NewSummary()
	act := &Actions{MoveTo: "Junk", Keyword: "$Phishing", On: "phishing", Apply: true}
	var uids []uint32
	err = Run(context.Background(), a, box, 2, func(r Result) {
		sum.Add(r)
		act.Note(r)
		uids = append(uids, r.Loc.UID)
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Messages != 5 || sum.Verdicts["phishing"] != 3 || sum.Verdicts["clean"] != 2 {
		t.Fatalf("scan summary %+v", sum.Verdicts)
	}
	if fmt.Sprint(uids) != "[1 2 3 4 5]" {
		t.Errorf("UIDs %v, want in order", uids)
	}
	// The scan itself changed nothing: read-only, no \Seen.
	if n, flags := folderCount(t, addr, "INBOX"); n != 5 || strings.Contains(fmt.Sprint(flags), `\Seen`) {
		t.Fatalf("after the scan INBOX holds %d, flags %v", n, flags)
	}
	var out strings.Builder
	if err := act.Run(&out, box); err != nil {
		t.Fatalf("actions: %v\n%s", err, out.String())
	}
	inbox, _ := folderCount(t, addr, "INBOX")
	junk, junkFlags := folderCount(t, addr, "Junk")
	if inbox != 2 || junk != 3 {
		t.Errorf("INBOX %d, Junk %d; want 2 and 3 (%s)", inbox, junk, out.String())
	}
	for _, f := range junkFlags {
		if !strings.Contains(fmt.Sprint(f), "$Phishing") {
			t.Errorf("moved message without the keyword: %v", f)
		}
	}
}

func TestIMAPURLAndCredentials(t *testing.T) {
	if _, err := ParseIMAPURL("imap://u:pw@mail.example.jp/INBOX"); err == nil || !strings.Contains(err.Error(), "password") {
		t.Errorf("password in URL: %v", err)
	}
	if _, err := ParseIMAPURL("imap://u@mail.example.jp/INBOX?tls=none"); err == nil {
		t.Error("tls=none accepted off loopback")
	}
	b, err := ParseIMAPURL("imaps://u@mail.example.jp/Archive/2026?since=2026-11-01")
	if err != nil || b.Addr != "mail.example.jp:993" || b.Security != "tls" || b.Mailbox != "Archive/2026" || b.Since.Day() != 1 {
		t.Errorf("imaps URL: %+v %v", b, err)
	}
	netrc := filepath.Join(t.TempDir(), "netrc")
	os.WriteFile(netrc, []byte("machine other.example login x password y\nmachine mail.example.jp login u password s3cret\n"), 0o600)
	t.Setenv("MEKIKI_IMAP_PASSWORD", "")
	if err := b.Credentials(netrc); err != nil || b.Password != "s3cret" || b.User != "u" {
		t.Errorf("netrc: %v %q %q", err, b.User, b.Password)
	}
	b2, _ := ParseIMAPURL("imaps://mail.example.jp/")
	t.Setenv("MEKIKI_IMAP_USER", "envuser")
	t.Setenv("MEKIKI_IMAP_PASSWORD", "envpass")
	if err := b2.Credentials(netrc); err != nil || b2.User != "envuser" || b2.Password != "envpass" {
		t.Errorf("env: %v %+v", err, b2)
	}
}

// TestIMAPOverTLS logs in and reads the (empty) folder over IMAPS and
// over STARTTLS, trusting the server's CA through CAFile, and refuses the
// server when its CA is not trusted.
func TestIMAPOverTLS(t *testing.T) {
	addr, tlsAddr, ca := dovecotServer(t, true)
	for _, raw := range []string{"imaps://test@" + tlsAddr + "/INBOX", "imap://test@" + addr + "/INBOX"} {
		box, err := ParseIMAPURL(raw)
		if err != nil {
			t.Fatal(err)
		}
		box.Password = "secret"
		if err := box.Connect(); err == nil {
			box.Close()
			t.Errorf("%s: connected without trusting the test CA", raw)
		}
		box.CAFile = ca
		if err := box.Connect(); err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		n := 0
		err = box.Each(context.Background(), func(Item) error { n++; return nil })
		box.Close()
		if err != nil || n != 0 {
			t.Errorf("%s: %d messages, %v", raw, n, err)
		}
	}
}
