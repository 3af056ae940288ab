package milter

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/smtp"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"
	"github.com/miekg/dns"

	"github.com/mekiki/mekiki/internal/dnstest"
	"github.com/mekiki/mekiki/internal/integration"
)

// lockedBuffer collects the milter's JSON log from many sessions.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// loadRun is one smtp-source process of the load.
type loadRun struct {
	name, rcpt         string
	raw                []byte // the message, CRLF line ends
	sessions, messages int
}

// Every message of the load comes from 127.0.0.1 (smtp-source's HELO
// sender.example.net, MAIL FROM bounce@bulk-mailer.example.net, the
// probe's MAIL FROM probe@sender.example.net), which the zone below
// authorises by SPF: an ESP relaying for brands.
const (
	loadMailFrom = "bounce@bulk-mailer.example.net"
	loadHelo     = "sender.example.net"
)

// loadZone holds the SPF, DKIM and DMARC records of the load's sender
// domains: the ESP's envelope and HELO domains pass SPF for loopback,
// amazon.co.jp publishes the key of selector "load" and asks to reject
// (so its mail passes DMARC only with its aligned signature), and the
// other From domains publish nothing.
func loadZone(t *testing.T) (dnstest.Zone, ed25519.PrivateKey) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	spf := map[uint16][]string{dns.TypeTXT: {`"v=spf1 ip4:127.0.0.1 -all"`}, dns.TypeA: {"127.0.0.1"}}
	return dnstest.Zone{
		"bulk-mailer.example.net.":      spf,
		loadHelo + ".":                  spf,
		"load._domainkey.amazon.co.jp.": {dns.TypeTXT: {`"v=DKIM1; k=ed25519; p=` + base64.StdEncoding.EncodeToString(pub) + `"`}},
		"_dmarc.amazon.co.jp.":          {dns.TypeTXT: {`"v=DMARC1; p=reject"`}},
		"amazon.co.jp.":                 {dns.TypeMX: {"10 mx.amazon.co.jp."}},
	}, key
}

// amazonSigned is raw signed by amazon.co.jp (selector "load").
func amazonSigned(t *testing.T, key ed25519.PrivateKey, raw []byte) []byte {
	t.Helper()
	// Signed as sent: CRLF line ends.
	raw = []byte(strings.ReplaceAll(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\n", "\r\n"))
	var out bytes.Buffer
	// The fields a sender signs (not the trace fields the fixture keeps
	// from its first delivery, which Postfix's cleanup may drop).
	err := dkim.Sign(&out, bytes.NewReader(raw), &dkim.SignOptions{Domain: "amazon.co.jp", Selector: "load", Signer: key,
		HeaderKeys:             []string{"From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "X-Test-Case"},
		HeaderCanonicalization: dkim.CanonicalizationRelaxed, BodyCanonicalization: dkim.CanonicalizationRelaxed})
	if err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestPostfixLoad sends 2,000 messages through a real Postfix with the
// milter over 20 concurrent SMTP sessions (Postfix's smtp-source, each
// session reusing its connection) and accounts for every one: legitimate
// mail delivered marked clean, phishing delivered tagged, phishing to a
// rejecting domain refused. It logs the throughput and the latency the
// milter added (from its own per-message log); README quotes them.
func TestPostfixLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: not with -short")
	}
	source, err := exec.LookPath("smtp-source")
	if err != nil {
		if _, e := os.Stat("/usr/sbin/smtp-source"); e != nil {
			integration.RequireOrSkip(t, "smtp-source is not installed (apt-get install postfix)")
		}
		source = "/usr/sbin/smtp-source"
	}
	reject := ActionReject
	p := DefaultPolicy()
	p.Domains = map[string]DomainActions{"reject.example.jp": {Phishing: &reject}}
	p.Check()
	zone, key := loadZone(t)
	dnsAddr := dnstest.Serve(t, zone)
	var logBuf lockedBuffer
	_, maddr := start(t, p, Config{Logger: slog.New(slog.NewJSONHandler(&logBuf, nil)),
		Verifier: verifier(dnsAddr, 2*time.Second), AuthServID: testServID})
	// Postfix slows down and then drops a client after ten and twenty
	// refused commands (smtpd_soft/hard_error_limit, a second's sleep
	// each): right against a spam run, beside the point here, where one
	// session sends a hundred phishing mails on purpose. The run without
	// the milter has the same settings.
	extra := []string{"smtpd_error_sleep_time = 0", "smtpd_soft_error_limit = 1000", "smtpd_hard_error_limit = 1000"}
	pf := postfixWith(t, maddr, extra, "example-corp.co.jp", "reject.example.jp")

	// Half the legitimate mail is signed by its From domain (DKIM and
	// DMARC pass), half is an ESP's newsletter passing SPF only (its
	// From domain publishes no DMARC policy).
	signed := amazonSigned(t, key, withCase("signed", fixture(t, "legit-amazon-order.eml")))
	runs := []loadRun{
		{"signed", "hanako@example-corp.co.jp", signed, 4, 400},
		{"legit", "taro@example-corp.co.jp", withCase("legit", fixture(t, "legit-esp-newsletter.eml")), 4, 400},
		{"phish", "hanako@example-corp.co.jp", withCase("phish", fixture(t, "link-lookalike-microsoft.eml")), 8, 800},
		{"refused", "taro@reject.example.jp", withCase("refused", fixture(t, "link-lookalike-microsoft.eml")), 4, 400},
	}
	probeRaw := amazonSigned(t, key, withCase("probe", fixture(t, "legit-amazon-order.eml")))
	want := map[string]int{}
	total, sessions := 0, 0
	for _, r := range runs {
		want[r.name] = r.messages
		total += r.messages
		sessions += r.sessions
	}
	cpu0 := readCPU()
	stopProfile := startProfile(t)
	sent, probeWith := sendLoad(t, source, pf.Addr, runs, probeRaw)
	stopProfile()
	cpuWith := readCPU().since(cpu0)
	delivered := want["signed"] + want["legit"] + want["phish"]
	if err := pf.Settle(delivered+len(probeWith), 2*time.Minute); err != nil {
		t.Fatal(err)
	}

	// Every message accounted for, by its distinct recipient.
	msgs, err := pf.Delivered()
	if err != nil {
		t.Fatal(err)
	}
	rcpts := map[string]map[string]bool{"signed": {}, "legit": {}, "phish": {}}
	authFails := 0
	probes := 0
	for _, raw := range msgs {
		name := testCase(raw)
		verdict := headerOf(raw, HeaderVerdict)
		tagged := len(headerOf(raw, "Subject")) == 1 && strings.HasPrefix(headerOf(raw, "Subject")[0], "=?UTF-8?b?")
		switch {
		case name == "probe" && len(verdict) == 1 && verdict[0] == "clean" && !tagged:
			probes++
		case (name == "signed" || name == "legit") && len(verdict) == 1 && verdict[0] == "clean" && !tagged,
			name == "phish" && len(verdict) == 1 && verdict[0] == "phishing" && tagged:
			rcpts[name][strings.Join(headerOf(raw, "Delivered-To"), ",")] = true
		default:
			t.Fatalf("delivered message of case %q: verdict %v, tagged %v, findings %v, %s %q", name, verdict, tagged,
				unfolded(raw, HeaderFindings), HeaderAuthResults, authHeaders(raw))
		}
		// The verification ran on every message and gave what the zone says.
		ar := authHeaders(raw)
		wantAuth := map[string][]string{
			"signed": {"spf=pass smtp.mailfrom=bulk-mailer.example.net", "dkim=pass header.d=amazon.co.jp", "dmarc=pass header.from=amazon.co.jp"},
			"probe":  {"spf=pass smtp.mailfrom=sender.example.net", "dkim=pass header.d=amazon.co.jp", "dmarc=pass header.from=amazon.co.jp"},
			"legit":  {"spf=pass smtp.mailfrom=bulk-mailer.example.net", "dmarc=none"},
			"phish":  {"spf=pass smtp.mailfrom=bulk-mailer.example.net", "dmarc=none"},
		}[name]
		// The milter's own field on top; the fixtures' older ones from
		// another server stay below it.
		ok := len(ar) >= 1 && strings.HasPrefix(ar[0], testServID+";")
		for _, w := range wantAuth {
			ok = ok && strings.Contains(ar[0], w)
		}
		if !ok {
			if authFails++; authFails <= 3 {
				t.Errorf("%s: Authentication-Results %q, want %q", name, ar, wantAuth)
			}
		}
	}
	rejected := strings.Count(pf.Log(), "milter-reject: END-OF-MESSAGE")
	t.Logf("accounted: %d legitimate delivered marked clean (%d DKIM-signed, %d SPF only), %d phishing delivered tagged (distinct recipients), %d phishing rejected, %d held, %d deferred; plus %d probe messages delivered clean",
		len(rcpts["signed"])+len(rcpts["legit"]), len(rcpts["signed"]), len(rcpts["legit"]), len(rcpts["phish"]), rejected, pf.Queued("hold"), pf.Queued("deferred"), probes)
	if len(msgs) != delivered+len(probeWith) || probes != len(probeWith) || len(rcpts["legit"]) != want["legit"] || len(rcpts["signed"]) != want["signed"] ||
		len(rcpts["phish"]) != want["phish"] || rejected != want["refused"] || pf.Queued("hold")+pf.Queued("deferred") != 0 {
		t.Fatalf("not every message accounted for: delivered %d (legit %d, phish %d distinct), rejected %d of %d",
			len(msgs), len(rcpts["legit"]), len(rcpts["phish"]), rejected, total)
	}

	// The milter's own account: one line per message, none failed.
	var lat []time.Duration
	failed := 0
	for _, line := range strings.Split(strings.TrimSpace(logBuf.b.String()), "\n") {
		var rec struct {
			Msg string  `json:"msg"`
			MS  float64 `json:"ms"`
		}
		json.Unmarshal([]byte(line), &rec)
		switch rec.Msg {
		case "message judged", "message rejected":
			lat = append(lat, time.Duration(rec.MS*float64(time.Millisecond)))
		case "message not judged":
			failed++
		}
	}
	if len(lat) != total+len(probeWith) || failed != 0 {
		t.Fatalf("milter judged %d messages and failed %d, want %d judged", len(lat), failed, total)
	}
	slices.Sort(lat)
	t.Logf("load: %d messages over %d concurrent SMTP sessions in %.2f s = %.0f msgs/s through Postfix with the milter",
		total, sessions, sent.Seconds(), float64(total)/sent.Seconds())

	// The same load through the same Postfix set-up without the milter.
	bare := postfixWith(t, "", extra, "example-corp.co.jp", "reject.example.jp")
	cpu0 = readCPU()
	alone, probeAlone := sendLoad(t, source, bare.Addr, runs, probeRaw)
	cpuAlone := readCPU().since(cpu0)
	if err := bare.Settle(total+len(probeAlone), 2*time.Minute); err != nil {
		t.Fatal(err)
	}
	t.Logf("baseline: the same %d messages without the milter in %.2f s = %.0f msgs/s; the milter added %.2f ms per message per session on average",
		total, alone.Seconds(), float64(total)/alone.Seconds(), (sent-alone).Seconds()*1000*float64(sessions)/float64(total))
	t.Logf("throughput with the milter (verification on) %.0f %% of Postfix alone", 100*alone.Seconds()/sent.Seconds())
	t.Logf("CPU seconds with the milter: %s; without: %s", cpuWith, cpuAlone)
	t.Logf("milter latency at end of data: p50 %.2f ms, p99 %.2f ms, max %.2f ms", percentile(lat, .5), percentile(lat, .99), percentile(lat, 1))
	t.Logf("probe transaction time under load (MAIL FROM to 250): with the milter p50 %.1f ms, p99 %.1f ms (%d messages); without p50 %.1f ms, p99 %.1f ms (%d); p99 added %.1f ms",
		percentile(probeWith, .5), percentile(probeWith, .99), len(probeWith), percentile(probeAlone, .5), percentile(probeAlone, .99), len(probeAlone),
		percentile(probeWith, .99)-percentile(probeAlone, .99))
}

// sendLoad runs the smtp-source processes of runs at once against addr
// and returns when all are done, with the transaction times of a probe:
// one more SMTP session sending legitimate mail one message after the
// other (MAIL FROM to the final 250) while the load runs.
func sendLoad(t *testing.T, source, addr string, runs []loadRun, probeRaw []byte) (time.Duration, []time.Duration) {
	t.Helper()
	dir := t.TempDir()
	var wg sync.WaitGroup
	errs := make([]error, len(runs))
	began := time.Now()
	for i, r := range runs {
		// smtp-source appends CRLF to each line of the file itself.
		raw := strings.ReplaceAll(string(r.raw), "\r\n", "\n")
		file := filepath.Join(dir, r.name+".eml")
		os.WriteFile(file, []byte(raw), 0o644)
		wg.Add(1)
		go func() {
			defer wg.Done()
			// -d: many messages per connection; -N: a distinct recipient
			// per message, so each delivery can be told apart; -A: go on
			// after a rejection.
			out, err := exec.Command(source, "-A", "-d", "-N", "-s", fmt.Sprint(r.sessions), "-m", fmt.Sprint(r.messages),
				"-F", file, "-f", loadMailFrom, "-t", r.rcpt, "-M", loadHelo, addr).CombinedOutput()
			if err != nil {
				errs[i] = fmt.Errorf("smtp-source %s: %v: %s", r.name, err, out)
			}
		}()
	}
	stop := make(chan struct{})
	probed := make(chan []time.Duration)
	go func() { probed <- probe(addr, probeRaw, stop) }()
	wg.Wait()
	took := time.Since(began)
	close(stop)
	lat := <-probed
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(lat) < 20 {
		t.Fatalf("the probe sent only %d messages during the load", len(lat))
	}
	slices.Sort(lat)
	return took, lat
}

func probe(addr string, raw []byte, stop chan struct{}) []time.Duration {
	var lat []time.Duration
	c, err := smtp.Dial(addr)
	if err != nil {
		return nil
	}
	defer c.Close()
	if c.Hello(loadHelo) != nil {
		return nil
	}
	for {
		select {
		case <-stop:
			c.Quit()
			return lat
		default:
		}
		began := time.Now()
		if c.Mail("probe@"+loadHelo) != nil || c.Rcpt("probe@example-corp.co.jp") != nil {
			return lat
		}
		w, err := c.Data()
		if err != nil {
			return lat
		}
		w.Write(raw)
		if w.Close() != nil {
			return lat
		}
		lat = append(lat, time.Since(began))
	}
}

// percentile of sorted durations, in milliseconds.
func percentile(sorted []time.Duration, q float64) float64 {
	return float64(sorted[min(len(sorted)-1, int(q*float64(len(sorted))))].Microseconds()) / 1000
}
