// Package postfixtest starts a throw-away Postfix from the system's
// packages on loopback, for the milter's integration tests and load
// measurements: its own configuration, queue and Maildir in a temporary
// directory, mail accepted for the given domains and delivered to one
// Maildir, nothing ever sent beyond the machine.
package postfixtest

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ErrUnavailable wraps the reason a Postfix cannot be started here (not
// installed, not root); tests skip on it.
var ErrUnavailable = errors.New("postfix unavailable")

// Options shape the instance.
type Options struct {
	// Milter is the smtpd_milters value ("inet:127.0.0.1:PORT",
	// "unix:/path"); empty runs without one.
	Milter string
	// DefaultAction is milter_default_action; empty means accept.
	DefaultAction string
	// Domains are accepted and delivered into the one Maildir.
	Domains []string
	// Extra are more main.cf lines.
	Extra []string
	// Submission, when not nil, adds a second smtpd on another loopback
	// port (Postfix.SubmissionAddr) with these master.cf -o overrides
	// ("smtpd_sasl_auth_enable=yes"), as a submission service would.
	Submission []string
}

// Postfix is a running instance.
type Postfix struct {
	Dir     string // everything lives under it
	Conf    string // configuration directory (postfix -c)
	Queue   string // queue directory
	Maildir string // where delivered mail lands
	Addr    string // SMTP listener, 127.0.0.1:PORT
	// SubmissionAddr is the second smtpd's listener when
	// Options.Submission is set, else "".
	SubmissionAddr string
	bin            string
}

// master.cf: the services a receiving and locally delivering Postfix
// needs, none chrooted (the queue directory is temporary).
const masterCF = `%s inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
virtual   unix  -       n       n       -       -       virtual
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
`

// Start configures and starts an instance.
func Start(o Options) (*Postfix, error) {
	bin, err := exec.LookPath("postfix")
	if err != nil {
		if _, e := os.Stat("/usr/sbin/postfix"); e != nil {
			return nil, fmt.Errorf("%w: postfix is not installed (apt-get install postfix)", ErrUnavailable)
		}
		bin = "/usr/sbin/postfix"
	}
	if os.Geteuid() != 0 {
		return nil, fmt.Errorf("%w: Postfix's master process must be started as root", ErrUnavailable)
	}
	owner, err := user.Lookup("postfix")
	if err != nil {
		return nil, fmt.Errorf("%w: no postfix user", ErrUnavailable)
	}
	uid, _ := strconv.Atoi(owner.Uid)
	gid, _ := strconv.Atoi(owner.Gid)
	dir, err := os.MkdirTemp("", "mekiki-postfix-")
	if err != nil {
		return nil, err
	}
	// Postfix's daemons run as the postfix user and must reach the queue.
	os.Chmod(dir, 0o755)
	p := &Postfix{Dir: dir, Conf: filepath.Join(dir, "conf"), Queue: filepath.Join(dir, "queue"),
		Maildir: filepath.Join(dir, "mail", "inbox"), bin: bin}
	for _, d := range []string{p.Conf, p.Queue, filepath.Join(dir, "data"), filepath.Join(dir, "mail")} {
		os.MkdirAll(d, 0o755)
	}
	os.Chown(filepath.Join(dir, "data"), uid, gid)
	os.Chown(filepath.Join(dir, "mail"), uid, gid)
	port, err := freePort()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	p.Addr = fmt.Sprintf("127.0.0.1:%d", port)
	action := o.DefaultAction
	if action == "" {
		action = "accept"
	}
	main := []string{
		"compatibility_level = 3.6",
		"queue_directory = " + p.Queue,
		"data_directory = " + filepath.Join(dir, "data"),
		"mail_owner = postfix",
		"myhostname = mx.mekiki-test.example",
		"inet_interfaces = 127.0.0.1",
		"inet_protocols = ipv4",
		"mydestination =",
		"alias_maps =",
		"alias_database =",
		"virtual_mailbox_domains = " + strings.Join(o.Domains, ", "),
		"virtual_mailbox_base = " + filepath.Join(dir, "mail"),
		// One Maildir for every recipient (the trailing slash).
		"virtual_mailbox_maps = static:inbox/",
		fmt.Sprintf("virtual_uid_maps = static:%d", uid),
		fmt.Sprintf("virtual_gid_maps = static:%d", gid),
		// Nothing leaves the machine: any other destination is an error.
		"default_transport = error:outbound mail is disabled in this test instance",
		"relay_transport = error:outbound mail is disabled in this test instance",
		"maillog_file_prefixes = " + dir,
		"maillog_file = " + filepath.Join(dir, "postfix.log"),
		"in_flow_delay = 0",
		"smtpd_client_connection_count_limit = 0",
		"milter_default_action = " + action,
	}
	if o.Milter != "" {
		main = append(main, "smtpd_milters = "+o.Milter)
	}
	main = append(main, o.Extra...)
	err = os.WriteFile(filepath.Join(p.Conf, "main.cf"), []byte(strings.Join(main, "\n")+"\n"), 0o644)
	master := fmt.Sprintf(masterCF, p.Addr)
	if err == nil && o.Submission != nil {
		port, err = freePort()
		p.SubmissionAddr = fmt.Sprintf("127.0.0.1:%d", port)
		master += p.SubmissionAddr + " inet n - n - - smtpd\n"
		for _, kv := range o.Submission {
			master += "  -o " + kv + "\n"
		}
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(p.Conf, "master.cf"), []byte(master), 0o644)
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if out, err := exec.Command(bin, "-c", p.Conf, "start").CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "postfix.log"))
		os.RemoveAll(dir)
		return nil, fmt.Errorf("postfix start: %v: %s %s", err, out, log)
	}
	deadline := time.Now().Add(10 * time.Second)
	for _, addr := range []string{p.Addr, p.SubmissionAddr} {
		for addr != "" {
			c, err := net.DialTimeout("tcp", addr, time.Second)
			if err == nil {
				c.Close()
				break
			}
			if time.Now().After(deadline) {
				p.Stop()
				return nil, fmt.Errorf("postfix did not listen on %s: %v", addr, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	return p, nil
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// Stop stops the instance (killing it if it does not stop within five
// seconds) and removes its directory.
func (p *Postfix) Stop() {
	pid := p.masterPID()
	exec.Command(p.bin, "-c", p.Conf, "stop").Run()
	for end := time.Now().Add(5 * time.Second); pid > 0 && time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if !alive(pid) {
			pid = 0
		}
	}
	if pid > 0 {
		syscall.Kill(-pid, syscall.SIGKILL)
		syscall.Kill(pid, syscall.SIGKILL)
	}
	os.RemoveAll(p.Dir)
}

// alive reports a process that exists and is not a zombie (a container's
// first process may never reap the daemonised master).
func alive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return syscall.Kill(pid, 0) == nil
	}
	_, rest, _ := strings.Cut(string(b), ") ")
	return !strings.HasPrefix(rest, "Z")
}

func (p *Postfix) masterPID() int {
	b, err := os.ReadFile(filepath.Join(p.Queue, "pid", "master.pid"))
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return n
}

// Delivered reads the messages in the Maildir.
func (p *Postfix) Delivered() ([][]byte, error) {
	var out [][]byte
	for _, sub := range []string{"new", "cur"} {
		entries, err := os.ReadDir(filepath.Join(p.Maildir, sub))
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(p.Maildir, sub, e.Name()))
			if err != nil {
				return nil, err
			}
			out = append(out, b)
		}
	}
	return out, nil
}

// CountDelivered counts the messages in the Maildir without reading them.
func (p *Postfix) CountDelivered() int {
	n := 0
	for _, sub := range []string{"new", "cur"} {
		entries, _ := os.ReadDir(filepath.Join(p.Maildir, sub))
		n += len(entries)
	}
	return n
}

// Queued counts the queue files in one of the queues: "hold",
// "incoming", "active", "deferred".
func (p *Postfix) Queued(queue string) int {
	n := 0
	filepath.WalkDir(filepath.Join(p.Queue, queue), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// Held reads the messages on the hold queue as Postfix's postcat shows
// them (envelope records, then the message).
func (p *Postfix) Held() ([]string, error) {
	var out []string
	err := filepath.WalkDir(filepath.Join(p.Queue, "hold"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := exec.Command("postcat", "-c", p.Conf, path).Output()
		if err != nil {
			return fmt.Errorf("postcat %s: %w", path, err)
		}
		out = append(out, string(b))
		return nil
	})
	return out, err
}

// Settle waits until want messages are delivered or held and the
// incoming and active queues are empty, or until timeout.
func (p *Postfix) Settle(want int, timeout time.Duration) error {
	end := time.Now().Add(timeout)
	for {
		got := p.CountDelivered() + p.Queued("hold")
		busy := p.Queued("incoming") + p.Queued("active")
		if got >= want && busy == 0 {
			return nil
		}
		if time.Now().After(end) {
			return fmt.Errorf("after %v: %d delivered or held of %d, %d still queued, %d deferred", timeout, got, want, busy, p.Queued("deferred"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Log is Postfix's log so far.
func (p *Postfix) Log() string {
	b, _ := os.ReadFile(filepath.Join(p.Dir, "postfix.log"))
	return string(bytes.TrimSpace(b))
}
