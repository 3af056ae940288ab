// Command peers puts mekiki beside Apache SpamAssassin and Rspamd on the
// same labelled mail, all offline, and prints one table: messages per
// second on one core and on all cores, and recall on phishing and the
// false-positive rate on ham at each tool's own default threshold.
//
// The peers come from Debian's packages (bench/peers/run.sh installs
// them) and run on loopback from private copies of their configuration
// with every network test off: spamd -L with Bayes off; rspamd with its
// DNS-list, SPF/DKIM/DMARC, fuzzy, Redis and HTTP modules off and DNS
// pointed at a closed port. mekiki runs in-process with feeds off.
//
// Usage: go run ./bench/peers [--split test] [--work DIR] MANIFEST.tsv
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/bench"
	"github.com/mekiki/mekiki/eval"
	"github.com/mekiki/mekiki/internal/proc"
)

type message struct {
	label string
	data  []byte
}

// row is one line of the table.
type row struct {
	tool                  string
	perCore, total        float64
	recall, fpr, spamRate float64
	errors                int
}

func main() {
	split := flag.String("split", eval.Test, "which half of the manifest: dev, test or all")
	work := flag.String("work", "", "working `directory` for the peers' configuration and logs (default: a temporary one)")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: go run ./bench/peers [--split test] MANIFEST.tsv")
	}
	items, err := eval.ReadManifest(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	items = append(items, eval.HardNegatives()...)
	var msgs []message
	for _, it := range items {
		data := it.Data
		if data == nil {
			if data, err = os.ReadFile(it.File); err != nil {
				log.Fatal(err)
			}
		}
		if *split != eval.All && !it.Always && eval.SplitOf(data) != *split {
			continue
		}
		msgs = append(msgs, message{label: it.Label, data: data})
	}
	if *work == "" {
		*work, _ = os.MkdirTemp("", "mekiki-peers-")
		os.Chmod(*work, 0o755)
	}
	cores := runtime.NumCPU()
	log.Printf("%d messages (%s split), %d cores, work dir %s", len(msgs), *split, cores, *work)

	rows := []row{}
	rows = append(rows, mekikiRows(msgs, cores)...)
	if r, err := peerRow("SpamAssassin "+version("/usr/sbin/spamd", "--version"), msgs, cores, func(n int) (checker, error) {
		return startSpamd(*work, n)
	}); err != nil {
		log.Printf("SpamAssassin: %v", err)
	} else {
		rows = append(rows, r)
	}
	if r, err := peerRow("Rspamd "+version("/usr/bin/rspamd", "--version"), msgs, cores, func(n int) (checker, error) {
		return startRspamd(*work, n)
	}); err != nil {
		log.Printf("Rspamd: %v", err)
	} else {
		rows = append(rows, r)
	}
	printTable(os.Stdout, rows, len(msgs), *split, cores)
}

// checker is a running peer.
type checker interface {
	check(msg []byte) (spam bool, score float64, err error)
	stop()
}

// mekikiRows measures mekiki: throughput with bench.Run on one and all
// cores, verdicts read two ways (phishing; phishing or suspicious).
func mekikiRows(msgs []message, cores int) []row {
	a, err := mekiki.New(mekiki.Options{})
	if err != nil {
		log.Fatal(err)
	}
	src := func(ctx context.Context, fn func([]byte) error) error {
		for _, m := range msgs {
			if err := fn(m.data); err != nil {
				return err
			}
		}
		return nil
	}
	one, _ := bench.Run(context.Background(), a, src, 1)
	all, _ := bench.Run(context.Background(), a, src, cores)
	phish := make([]bool, len(msgs))
	flagged := make([]bool, len(msgs))
	errs := 0
	for i, m := range msgs {
		rep, err := a.Analyze(context.Background(), bytes.NewReader(m.data))
		if err != nil {
			errs++
			continue
		}
		phish[i] = rep.Verdict == "phishing"
		flagged[i] = rep.Verdict != "clean"
	}
	r1 := rates(msgs, phish)
	r1.tool, r1.perCore, r1.total, r1.errors = "mekiki (verdict phishing)", one.MsgsPerSec, all.MsgsPerSec, errs
	r2 := rates(msgs, flagged)
	r2.tool, r2.perCore, r2.total, r2.errors = "mekiki (phishing or suspicious)", one.MsgsPerSec, all.MsgsPerSec, errs
	return []row{r1, r2}
}

// peerRow measures a peer: one worker with one client for the per-core
// figure (and the verdicts), then one worker per core with as many
// clients for the total.
func peerRow(name string, msgs []message, cores int, start func(int) (checker, error)) (row, error) {
	p, err := start(1)
	if err != nil {
		return row{}, err
	}
	p.check(msgs[0].data) // warm-up: rules compiled, caches filled
	spam := make([]bool, len(msgs))
	errs := 0
	t0 := time.Now()
	for i, m := range msgs {
		s, _, err := p.check(m.data)
		if err != nil {
			errs++
		}
		spam[i] = s
	}
	perCore := float64(len(msgs)) / time.Since(t0).Seconds()
	p.stop()
	p, err = start(cores)
	if err != nil {
		return row{}, err
	}
	defer p.stop()
	for range cores {
		p.check(msgs[0].data)
	}
	jobs := make(chan []byte)
	var wg sync.WaitGroup
	t0 = time.Now()
	for range cores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range jobs {
				p.check(d)
			}
		}()
	}
	for _, m := range msgs {
		jobs <- m.data
	}
	close(jobs)
	wg.Wait()
	total := float64(len(msgs)) / time.Since(t0).Seconds()
	r := rates(msgs, spam)
	r.tool, r.perCore, r.total, r.errors = name, perCore, total, errs
	return r, nil
}

func rates(msgs []message, flagged []bool) row {
	var tp, fn, fp, tn, spam, spamFlagged int
	for i, m := range msgs {
		switch m.label {
		case eval.Phishing:
			if flagged[i] {
				tp++
			} else {
				fn++
			}
		case eval.Ham:
			if flagged[i] {
				fp++
			} else {
				tn++
			}
		case eval.Spam:
			spam++
			if flagged[i] {
				spamFlagged++
			}
		}
	}
	c := eval.Confusion{TP: tp, FN: fn, FP: fp, TN: tn}
	r := row{recall: c.Recall(), fpr: c.FPR()}
	if spam > 0 {
		r.spamRate = float64(spamFlagged) / float64(spam)
	}
	return r
}

func printTable(w io.Writer, rows []row, n int, split string, cores int) {
	fmt.Fprintf(w, "%s, %d messages (%s split), %d cores, offline\n\n", time.Now().UTC().Format("2006-01-02"), n, split, cores)
	fmt.Fprintf(w, "| tool | msgs/s, 1 core | msgs/s, %d cores | phishing recall | ham false positives | spam flagged |\n", cores)
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range rows {
		errs := ""
		if r.errors > 0 {
			errs = fmt.Sprintf(" (%d errors)", r.errors)
		}
		fmt.Fprintf(w, "| %s%s | %.0f | %.0f | %.1f %% | %.2f %% | %.1f %% |\n", r.tool, errs, r.perCore, r.total, 100*r.recall, 100*r.fpr, 100*r.spamRate)
	}
}

func version(bin string, arg string) string {
	out, err := exec.Command(bin, arg).CombinedOutput()
	if err != nil {
		return "(version unknown)"
	}
	for _, f := range strings.Fields(string(out)) {
		if len(f) > 0 && f[0] >= '0' && f[0] <= '9' && strings.Contains(f, ".") {
			return strings.TrimSuffix(f, ",")
		}
	}
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func waitPort(addr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("timed out after %s", timeout)
}

// startDaemon starts a peer's server, logging to work/name.log, and waits
// until it listens on addr.
func startDaemon(cmd *exec.Cmd, work, name, addr string) error {
	cmd.Stdout, cmd.Stderr = nil, openLog(work, name+".log")
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", name, err)
	}
	if err := waitPort(addr, 60*time.Second); err != nil {
		stopDaemon(cmd)
		return fmt.Errorf("%s did not listen on %s: %w (see %s)", name, addr, err, filepath.Join(work, name+".log"))
	}
	return nil
}

// stopDaemon interrupts a peer's server and waits up to 10 s for it.
func stopDaemon(cmd *exec.Cmd) { proc.Stop(cmd, 10*time.Second) }

func openLog(work, name string) io.Writer {
	f, err := os.Create(filepath.Join(work, name))
	if err != nil {
		return io.Discard
	}
	return f
}

// copyDir copies a configuration tree (regular files and directories).
func copyDir(src, dst string) error {
	return filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
