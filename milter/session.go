package milter

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/netip"
	"strings"
	"sync/atomic"
	"time"

	gomilter "github.com/d--j/go-milter"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/mail"
)

// maxRcpt bounds the recipients kept per message (Postfix's default
// smtpd_recipient_limit is 1000).
const maxRcpt = 1000

// session is one MTA connection: the SMTP client's facts, then one
// message at a time. It implements the library's Milter; the library
// keeps it for the whole connection.
type session struct {
	gomilter.NoOpMilter // Data and Unknown: not asked for (OptNoData, OptNoUnknown)

	srv  *Server
	conn *trackedConn

	// leadSpace: the MTA sends header values with the space after the
	// colon (OptHeaderLeadingSpace negotiated), and wants it in the
	// values the milter writes.
	leadSpace bool

	client     netip.Addr
	clientName string
	helo       string
	daemonName string // {daemon_name} at connect

	authUser   string // {auth_authen} at MAIL FROM
	from       string // raw value of the first From field
	forgedAuth []int  // per-name indexes of Authentication-Results claiming the AuthServID

	mailFrom  string
	rcpt      []string
	raw       bytes.Buffer
	held      atomic.Int64 // bytes of raw counted in the server's buffered
	truncated bool
	// seen counts header fields by lower-case name, for the 1-based
	// per-name index that header changes use.
	seen       map[string]int
	own        []headerRef // X-Mekiki-* fields that came with the message
	subject    string      // raw Subject value
	hasSubject bool
}

type headerRef struct {
	name  string
	index int
}

const tempFailText = "4.7.1 Message cannot be checked now, try again later"

// replyCode is a reply with an SMTP code and text ("5.7.1 …"); a text
// the library refuses gives the code's bare rejection.
func replyCode(code uint16, text string) *gomilter.Response {
	r, err := gomilter.RejectWithCodeAndReason(code, text)
	if err != nil {
		if code < 500 {
			return gomilter.RespTempFail
		}
		return gomilter.RespReject
	}
	return r
}

// NewConnection and the callbacks below implement the library's Milter:
// the client, then per message the envelope, header fields and body are
// kept until end of data (EndOfMessage). The MTA expects no reply before
// end of data (the no-reply options negotiated), so they only record.
func (c *session) NewConnection(m gomilter.Modifier) error {
	c.leadSpace = m.Protocol()&gomilter.OptHeaderLeadingSpace != 0
	c.client, c.clientName, c.helo, c.daemonName = netip.Addr{}, "", "", ""
	c.reset()
	c.srv.cfg.Metrics.negotiated.WithLabelValues(fmt.Sprint(m.Version())).Inc()
	c.srv.cfg.Logger.Debug("milter connection negotiated", "version", m.Version(), "protocol", m.Protocol().String(), "actions", m.Actions().String())
	return nil
}

func (c *session) Connect(host, family string, port uint16, addr string, m gomilter.Modifier) (*gomilter.Response, error) {
	c.clientName = host
	c.daemonName = m.Get(macroDaemonName)
	c.client = netip.Addr{}
	if ip, err := netip.ParseAddr(addr); err == nil {
		c.client = ip.Unmap()
	}
	return gomilter.RespContinue, nil
}

func (c *session) Helo(name string, m gomilter.Modifier) (*gomilter.Response, error) {
	c.helo = name
	return gomilter.RespContinue, nil
}

func (c *session) MailFrom(from, esmtpArgs string, m gomilter.Modifier) (*gomilter.Response, error) {
	c.reset()
	c.mailFrom = from
	c.authUser = m.Get(macroAuthAuthen)
	return gomilter.RespContinue, nil
}

func (c *session) RcptTo(rcpt, esmtpArgs string, m gomilter.Modifier) (*gomilter.Response, error) {
	if len(c.rcpt) < maxRcpt {
		c.rcpt = append(c.rcpt, rcpt)
	}
	return gomilter.RespContinue, nil
}

func (c *session) Header(name, value string, m gomilter.Modifier) (*gomilter.Response, error) {
	if c.seen == nil {
		c.seen = map[string]int{}
	}
	key := strings.ToLower(name)
	c.seen[key]++
	if isOwnHeader(name) {
		c.own = append(c.own, headerRef{name, c.seen[key]})
	}
	if key == "subject" && !c.hasSubject {
		c.subject, c.hasSubject = value, true
	}
	if key == "from" && c.seen[key] == 1 {
		c.from = strings.TrimLeft(value, " \t")
	}
	if key == "authentication-results" && authServIDOf(value) == strings.ToLower(c.srv.cfg.AuthServID) {
		c.forgedAuth = append(c.forgedAuth, c.seen[key])
	}
	c.write(headerLine(name, value, c.leadSpace))
	return gomilter.RespContinue, nil
}

func (c *session) Headers(m gomilter.Modifier) (*gomilter.Response, error) {
	c.write("\r\n")
	return gomilter.RespContinue, nil
}

func (c *session) BodyChunk(chunk []byte, m gomilter.Modifier) (*gomilter.Response, error) {
	c.write(string(chunk))
	return gomilter.RespContinue, nil
}

func (c *session) Abort(m gomilter.Modifier) error {
	c.reset()
	return nil
}

// Cleanup is the end of the connection: the bytes kept go back.
func (c *session) Cleanup(m gomilter.Modifier) {
	c.release()
}

// headerLine is the field as it was on the wire. With the leading space
// (OptHeaderLeadingSpace) the MTA sends everything after the colon, so
// "Name:value" and "Name:  value" come back byte for byte, as a DKIM
// signature with simple header canonicalization covers them; without
// it the MTA ate one space, which is put back. The MTA sends folded
// values with bare LF; the parser reads either, but the message is
// rebuilt with CRLF as it was on the wire.
func headerLine(name, value string, leadSpace bool) string {
	sep := ": "
	if leadSpace {
		sep = ":"
	}
	return name + sep + crlf(value) + "\r\n"
}

// value is a header value to write: with the leading space negotiated,
// the MTA writes "Name:" and the value as given, so the space is the
// milter's to add. An empty value (removal) stays empty.
func (c *session) value(v string) string {
	if c.leadSpace && v != "" {
		return " " + v
	}
	return v
}

func (c *session) reset() {
	c.mailFrom, c.rcpt, c.truncated = "", nil, false
	// A new buffer, not Reset: an analysis that outlived its timeout may
	// still be reading the old one.
	c.release()
	c.raw = bytes.Buffer{}
	c.seen, c.own, c.subject, c.hasSubject = nil, nil, "", false
	c.authUser, c.from, c.forgedAuth = "", "", nil
}

// write keeps up to MaxSize bytes of the message for the analysis, and
// nothing once all sessions together keep MaxBuffered.
func (c *session) write(s string) {
	srv := c.srv
	room := srv.cfg.MaxSize - c.raw.Len()
	if len(s) > room {
		s, c.truncated = s[:max(room, 0)], true
	}
	if n := int64(len(s)); n > 0 && srv.buffered.Add(n) > srv.cfg.MaxBuffered {
		srv.buffered.Add(-n)
		s, c.truncated = "", true
	}
	c.held.Add(int64(len(s)))
	c.raw.WriteString(s)
}

// release gives the bytes this session keeps back to the server's budget;
// the connection's Close calls it too, from any goroutine.
func (c *session) release() {
	c.srv.buffered.Add(-c.held.Swap(0))
}

func crlf(v string) string {
	if !strings.Contains(v, "\n") {
		return v
	}
	return strings.ReplaceAll(strings.ReplaceAll(v, "\r\n", "\n"), "\n", "\r\n")
}

// EndOfMessage is end of data: judge the message, mark it and act.
func (c *session) EndOfMessage(m gomilter.Modifier) (*gomilter.Response, error) {
	s := c.srv
	s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	if c.conn != nil {
		// Not to be closed for a new connection while being judged.
		c.conn.busy.Store(true)
		defer c.conn.busy.Store(false)
	}
	start := time.Now()
	set := s.current.Load()
	env := mekiki.Envelope{ClientIP: c.client, ClientName: c.clientName, Helo: c.helo, MailFrom: c.mailFrom, Rcpt: c.rcpt}
	env.Internal = c.internal()
	if env.Internal == mekiki.InternalSASL {
		env.AuthUser = c.authUser
	}
	queueID := m.Get(gomilter.MacroQueueId)
	ac := c.authenticate(&env)
	j := s.judge(set.analyzer, c.raw.Bytes(), env)
	defer c.reset()
	log := s.cfg.Logger.With("queue_id", queueID, "client", c.client.String(), "mail_from", c.mailFrom, "rcpt", len(c.rcpt), "size", c.raw.Len())
	if env.Internal != "" {
		log = log.With("internal", env.Internal)
	}
	if ac.header != "" {
		log = log.With("auth", authSummary(env.Auth))
	}
	if len(ac.failures) > 0 {
		log = log.With("auth_failures", ac.failures)
	}
	if j.err != nil {
		action := "pass"
		if s.cfg.FailClosed {
			action = "tempfail"
		}
		log.Warn("message not judged", "reason", j.degraded, "error", j.fullErr.Error(), "light_error", j.err.Error(),
			"action", action, "ms", ms(time.Since(start)))
		s.count("none", action, j.degraded, start)
		if s.cfg.FailClosed {
			return replyCode(451, tempFailText), nil
		}
		if err := c.writeAuth(m, ac); err != nil {
			return nil, fmt.Errorf("cannot change the message: %w", err)
		}
		return gomilter.RespAccept, nil
	}
	rep := j.rep
	d := set.policy.Decide(rep.Verdict, c.client, c.clientName, c.mailFrom, rep.Message.From.Address, c.rcpt)
	ids := make([]string, len(rep.Findings))
	for i, f := range rep.Findings {
		ids[i] = string(f.ID)
	}
	log = log.With("verdict", rep.Verdict, "score", rep.Score, "action", d.Action.String(), "findings", ids)
	level := slog.LevelInfo
	if j.degraded != "" {
		// Degraded: judged by the light analysis; one line per message
		// still, at warning level.
		level = slog.LevelWarn
		log = log.With("analysis", "light", "degraded", j.degraded, "full_error", j.fullErr.Error())
		s.cfg.Metrics.degraded.WithLabelValues(j.degraded).Inc()
	}
	if d.Allowed != "" {
		log = log.With("allowed", d.Allowed)
		s.cfg.Metrics.allowListed.Inc()
	}
	if c.truncated {
		log = log.With("truncated", true)
	}
	if d.Action == ActionReject {
		log.Log(context.Background(), level, "message rejected", "ms", ms(time.Since(start)))
		s.count(rep.Verdict, d.Action.String(), "", start)
		return replyCode(550, "5.7.1 "+set.policy.RejectReason), nil
	}
	if err := c.writeAuth(m, ac); err != nil {
		return nil, fmt.Errorf("cannot change the message: %w", err)
	}
	if err := c.mark(m, rep, j.degraded, d, set.policy); err != nil {
		return nil, fmt.Errorf("cannot change the message: %w", err)
	}
	log.Log(context.Background(), level, "message judged", "ms", ms(time.Since(start)))
	s.count(rep.Verdict, d.Action.String(), "", start)
	return gomilter.RespAccept, nil
}

// mark writes the X-Mekiki-* headers (after removing copies the message
// brought; X-Mekiki-Analysis when degraded says the light analysis
// judged), the subject tag and the quarantine the decision asks for.
func (c *session) mark(m gomilter.Modifier, rep *mekiki.Report, degraded string, d Decision, p *Policy) error {
	// Highest index first: removing a field renumbers the later ones.
	for i := len(c.own) - 1; i >= 0; i-- {
		if err := m.ChangeHeader(c.own[i].index, c.own[i].name, ""); err != nil {
			return err
		}
	}
	for _, h := range markHeaders(rep, degraded) {
		if err := m.AddHeader(h[0], c.value(h[1])); err != nil {
			return err
		}
	}
	if d.Action >= ActionTag && !strings.HasPrefix(rep.Message.Subject, p.SubjectPrefix) {
		var err error
		if c.hasSubject {
			err = m.ChangeHeader(1, "Subject", c.value(taggedSubject(p.SubjectPrefix, c.subject)))
		} else {
			err = m.AddHeader("Subject", c.value(taggedSubject(p.SubjectPrefix, "")))
		}
		if err != nil {
			return err
		}
	}
	if d.Action == ActionHold {
		return m.Quarantine(fmt.Sprintf("mekiki: %s (score %g)", rep.Verdict, rep.Score))
	}
	return nil
}

func (s *Server) count(verdict, action, failure string, start time.Time) {
	mt := s.cfg.Metrics
	mt.messages.WithLabelValues(verdict, action).Inc()
	if failure != "" {
		mt.failures.WithLabelValues(failure).Inc()
	}
	mt.latency.Observe(time.Since(start).Seconds())
}

// authSummary is the verified results for the log: "spf=pass dkim=pass dmarc=pass".
func authSummary(rs []mail.AuthResult) string {
	parts := make([]string, 0, len(rs))
	for _, r := range rs {
		parts = append(parts, r.Method+"="+r.Result)
	}
	return strings.Join(parts, " ")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
