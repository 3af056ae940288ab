package scan

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// IMAP reads one folder of an IMAP account, read-only (EXAMINE): a
// scan never changes a message's \Seen flag. Actions (Move, AddKeyword)
// reopen the folder read-write.
type IMAP struct {
	Addr     string // host:port
	Security string // "tls" (imaps://), "starttls", or "none" (loopback only)
	User     string
	Password string
	Mailbox  string
	Since    time.Time // only messages received on or after this day
	MaxSize  int64     // bytes fetched per message (default 32 MiB)
	Timeout  time.Duration
	// CAFile is a PEM file of certificates to trust besides the system's
	// (a company server with its own CA).
	CAFile string

	client *imapclient.Client
}

// ParseIMAPURL reads imap://user@host[:port]/Folder?since=2026-11-01
// (STARTTLS required; ?tls=none on loopback only) or imaps://… (TLS).
// Credentials never come from the URL's password: ParseIMAPURL refuses
// one; see Credentials.
func ParseIMAPURL(raw string) (*IMAP, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%q is not an IMAP URL: %w", raw, err)
	}
	s := &IMAP{Mailbox: "INBOX", Timeout: 30 * time.Second}
	switch u.Scheme {
	case "imaps":
		s.Security, s.Addr = "tls", withPort(u.Host, "993")
	case "imap":
		s.Security, s.Addr = "starttls", withPort(u.Host, "143")
	default:
		return nil, fmt.Errorf("%q is not an imap:// or imaps:// URL", raw)
	}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			return nil, errors.New("do not put the password in the URL (it would show in the process list); set MEKIKI_IMAP_PASSWORD or use a netrc file")
		}
		s.User = u.User.Username()
	}
	if p := strings.Trim(u.Path, "/"); p != "" {
		s.Mailbox = p
	}
	q := u.Query()
	if v := q.Get("since"); v != "" {
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			return nil, fmt.Errorf("since=%q is not a date like 2026-11-01", v)
		}
		s.Since = t
	}
	if q.Get("tls") == "none" {
		host, _, _ := net.SplitHostPort(s.Addr)
		if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return nil, errors.New("tls=none is allowed only on loopback; use imaps:// or STARTTLS")
		}
		s.Security = "none"
	}
	return s, nil
}

func withPort(host, port string) string {
	if _, _, err := net.SplitHostPort(host); err == nil {
		return host
	}
	return net.JoinHostPort(host, port)
}

// Credentials fills the user and password from the environment
// (MEKIKI_IMAP_USER, MEKIKI_IMAP_PASSWORD) or a netrc file ("machine HOST
// login USER password PASS"; netrcPath, or ~/.netrc when empty).
func (s *IMAP) Credentials(netrcPath string) error {
	if s.User == "" {
		s.User = os.Getenv("MEKIKI_IMAP_USER")
	}
	s.Password = os.Getenv("MEKIKI_IMAP_PASSWORD")
	if s.Password != "" && s.User != "" {
		return nil
	}
	if netrcPath == "" {
		home, _ := os.UserHomeDir()
		netrcPath = filepath.Join(home, ".netrc")
	}
	host, _, _ := net.SplitHostPort(s.Addr)
	user, pass, err := netrcLookup(netrcPath, host, s.User)
	if err != nil || pass == "" {
		return fmt.Errorf("no IMAP password for %s: set MEKIKI_IMAP_USER and MEKIKI_IMAP_PASSWORD, or add it to %s", host, netrcPath)
	}
	s.User, s.Password = user, pass
	return nil
}

// netrcLookup finds the machine entry for host (and user, when given).
func netrcLookup(path, host, user string) (string, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Split(bufio.ScanWords)
	var words []string
	for sc.Scan() {
		words = append(words, sc.Text())
	}
	var mLogin, mPass string
	in := false
	flush := func() (string, string, bool) {
		if in && mPass != "" && (user == "" || mLogin == user) {
			return mLogin, mPass, true
		}
		return "", "", false
	}
	for i := 0; i < len(words); i++ {
		switch words[i] {
		case "machine", "default":
			if l, p, ok := flush(); ok {
				return l, p, nil
			}
			in = words[i] == "default" || i+1 < len(words) && words[i+1] == host
			mLogin, mPass = "", ""
			if words[i] == "machine" {
				i++
			}
		case "login":
			if i+1 < len(words) {
				mLogin = words[i+1]
				i++
			}
		case "password":
			if i+1 < len(words) {
				mPass = words[i+1]
				i++
			}
		}
	}
	if l, p, ok := flush(); ok {
		return l, p, nil
	}
	return "", "", nil
}

// Connect dials and logs in.
func (s *IMAP) Connect() error {
	tlsConf := &tls.Config{ServerName: hostOf(s.Addr), MinVersion: tls.VersionTLS12}
	if s.CAFile != "" {
		pem, err := os.ReadFile(s.CAFile)
		if err != nil {
			return fmt.Errorf("cannot read the CA file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return fmt.Errorf("%s holds no PEM certificate", s.CAFile)
		}
		tlsConf.RootCAs = pool
	}
	opts := &imapclient.Options{Dialer: &net.Dialer{Timeout: s.Timeout}, TLSConfig: tlsConf}
	var c *imapclient.Client
	var err error
	switch s.Security {
	case "tls":
		c, err = imapclient.DialTLS(s.Addr, opts)
	case "starttls":
		c, err = imapclient.DialStartTLS(s.Addr, opts)
	default:
		c, err = imapclient.DialInsecure(s.Addr, opts)
	}
	if err != nil {
		return fmt.Errorf("cannot connect to %s: %w", s.Addr, err)
	}
	if err := c.Login(s.User, s.Password).Wait(); err != nil {
		c.Close()
		return fmt.Errorf("IMAP login as %s failed: %w", s.User, err)
	}
	s.client = c
	return nil
}

func hostOf(addr string) string {
	h, _, _ := net.SplitHostPort(addr)
	return h
}

// Close logs out.
func (s *IMAP) Close() {
	if s.client != nil {
		s.client.Logout().Wait()
		s.client.Close()
		s.client = nil
	}
}

// batch is how many messages one FETCH asks for.
const batch = 50

// Each streams the folder's messages (those since Since), oldest UID
// first, each cut at MaxSize bytes.
func (s *IMAP) Each(ctx context.Context, fn func(Item) error) error {
	if s.client == nil {
		return errors.New("IMAP source used before Connect")
	}
	if _, err := s.client.Select(s.Mailbox, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		return fmt.Errorf("cannot open the IMAP folder %q: %w", s.Mailbox, err)
	}
	crit := &imap.SearchCriteria{}
	if !s.Since.IsZero() {
		crit.Since = s.Since
	}
	data, err := s.client.UIDSearch(crit, nil).Wait()
	if err != nil {
		return fmt.Errorf("IMAP search failed: %w", err)
	}
	uids := data.AllUIDs()
	max := s.MaxSize
	if max <= 0 {
		max = 32 << 20
	}
	section := &imap.FetchItemBodySection{Peek: true, Partial: &imap.SectionPartial{Offset: 0, Size: max}}
	for start := 0; start < len(uids); start += batch {
		if err := ctx.Err(); err != nil {
			return err
		}
		set := imap.UIDSetNum(uids[start:min(start+batch, len(uids))]...)
		cmd := s.client.Fetch(set, &imap.FetchOptions{UID: true, RFC822Size: true, BodySection: []*imap.FetchItemBodySection{section}})
		for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
			it := Item{Loc: Location{Kind: "imap", Mailbox: s.Mailbox}}
			var size int64
			for item := msg.Next(); item != nil; item = msg.Next() {
				switch d := item.(type) {
				case imapclient.FetchItemDataUID:
					it.Loc.UID = uint32(d.UID)
				case imapclient.FetchItemDataRFC822Size:
					size = d.Size
				case imapclient.FetchItemDataBodySection:
					if d.Literal != nil {
						it.Data, _ = io.ReadAll(io.LimitReader(d.Literal, max))
					}
				}
			}
			it.Truncated = size > max
			if err := fn(it); err != nil {
				cmd.Close()
				return err
			}
		}
		if err := cmd.Close(); err != nil {
			return fmt.Errorf("IMAP fetch failed: %w", err)
		}
	}
	return nil
}

// Move moves messages to folder (created when missing).
func (s *IMAP) Move(uids []uint32, folder string) error {
	if err := s.writable(); err != nil {
		return err
	}
	s.client.Create(folder, nil).Wait() // exists already: fine
	if _, err := s.client.Move(uidSet(uids), folder).Wait(); err != nil {
		return fmt.Errorf("IMAP move to %q failed: %w", folder, err)
	}
	return nil
}

// AddKeyword sets a keyword (an IMAP flag such as "$Phishing") on
// messages.
func (s *IMAP) AddKeyword(uids []uint32, keyword string) error {
	if err := s.writable(); err != nil {
		return err
	}
	store := &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.Flag(keyword)}}
	if err := s.client.Store(uidSet(uids), store, nil).Close(); err != nil {
		return fmt.Errorf("IMAP store of %s failed: %w", keyword, err)
	}
	return nil
}

func (s *IMAP) writable() error {
	if s.client == nil {
		return errors.New("IMAP action before Connect")
	}
	if _, err := s.client.Select(s.Mailbox, nil).Wait(); err != nil {
		return fmt.Errorf("cannot open %q for changes: %w", s.Mailbox, err)
	}
	return nil
}

func uidSet(uids []uint32) imap.UIDSet {
	var set imap.UIDSet
	for _, u := range uids {
		set.AddNum(imap.UID(u))
	}
	return set
}
