package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// spamAssassin runs Debian's spamd on loopback with network tests off
// (-L: no DNSBL, URIBL, Razor, Pyzor) and Bayes off (it would learn
// during the run), and checks messages with the SPAMC protocol.
type spamAssassin struct {
	dir  string
	addr string
	cmd  *exec.Cmd
}

func startSpamd(work string, children int) (*spamAssassin, error) {
	dir := filepath.Join(work, "spamassassin")
	if err := copyDir("/etc/spamassassin", dir); err != nil {
		return nil, fmt.Errorf("copy /etc/spamassassin (is spamassassin installed?): %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "local.cf"), os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	fmt.Fprintln(f, "\n# mekiki peer benchmark: local tests only, nothing learnt during the run\nuse_bayes 0\nbayes_auto_learn 0\nskip_rbl_checks 1\nuse_razor2 0\nuse_pyzor 0")
	f.Close()
	port := freePort()
	s := &spamAssassin{dir: dir, addr: "127.0.0.1:" + strconv.Itoa(port)}
	s.cmd = exec.Command("/usr/sbin/spamd", "-L", "--siteconfigpath="+dir, "--listen="+s.addr,
		"--max-children="+strconv.Itoa(children), "--min-children="+strconv.Itoa(children), "--min-spare=0",
		"--max-spare="+strconv.Itoa(children), "--syslog=stderr", "-u", "nobody", "--nouser-config",
		"--pidfile="+filepath.Join(work, "spamd.pid"))
	if err := startDaemon(s.cmd, work, "spamd", s.addr); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *spamAssassin) stop() { stopDaemon(s.cmd) }

// check sends one message (SPAMC/1.5 CHECK) and returns spamd's verdict
// at its own threshold (required_score 5.0 by default) and the score.
func (s *spamAssassin) check(msg []byte) (bool, float64, error) {
	c, err := net.DialTimeout("tcp", s.addr, 5*time.Second)
	if err != nil {
		return false, 0, err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(120 * time.Second))
	fmt.Fprintf(c, "CHECK SPAMC/1.5\r\nContent-length: %d\r\nUser: nobody\r\n\r\n", len(msg))
	c.Write(msg)
	c.(*net.TCPConn).CloseWrite()
	r := bufio.NewReader(c)
	status, err := r.ReadString('\n')
	if err != nil {
		return false, 0, err
	}
	if !strings.Contains(status, "EX_OK") {
		return false, 0, fmt.Errorf("spamd: %s", strings.TrimSpace(status))
	}
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return false, 0, fmt.Errorf("spamd: no Spam header")
		}
		// Spam: True ; 12.9 / 5.0
		if v, ok := strings.CutPrefix(line, "Spam: "); ok {
			f := strings.Fields(strings.ReplaceAll(v, ";", " "))
			if len(f) < 2 {
				return false, 0, fmt.Errorf("spamd: %q", line)
			}
			score, _ := strconv.ParseFloat(f[1], 64)
			return strings.EqualFold(f[0], "true") || strings.EqualFold(f[0], "yes"), score, nil
		}
	}
}
