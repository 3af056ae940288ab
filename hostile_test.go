package mekiki

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/internal/hostile"
	"github.com/mekiki/mekiki/kb"
)

// hostileCase is one attack of a hostile sender, replayed in memory.
type hostileCase struct {
	name string
	raw  func() []byte
	// finding must fire: the trick is itself evidence, or the verdict
	// still rests on the brand claim.
	finding string
	// limit, when set, is the mail.limit_exceeded kind that must be
	// recorded.
	limit string
}

// hostileCases are the attacks of issue 16 at the sizes that stalled or
// exhausted mekiki before: quadratic brand-match overlap, a host of a
// million labels, zips of zips, hundreds of thousands of links.
var hostileCases = []hostileCase{
	{"brand name ×1,000,000 (7 MB)", func() []byte { return hostile.BrandRepeat(1_000_000) }, "sender.brand_mismatch", ""},
	{"host of 1,000,000 labels (2 MB)", func() []byte { return hostile.LongHost(1_000_000) }, "url.overlong_host", ""},
	{"zip of 1,000 zips of 1,000 entries", func() []byte { return hostile.ZipMail(hostile.NestedZip(1000, 1000)) }, "", "entries"},
	{"three such zips in one mail", func() []byte {
		z := hostile.NestedZip(1000, 1000)
		return hostile.ZipMail(z, z, z)
	}, "", "entries"},
	{"450,000 text links (13 MB)", func() []byte { return hostile.TextLinks(450_000) }, "", "links"},
	{"40,000 links named Amazon", func() []byte { return hostile.BrandLinks(40_000) }, "url.anchor_mismatch", "links"},
	{"HTML attachment of 200,000 links", func() []byte {
		return hostile.AttachmentMail("text/html", "page%d.html", hostile.HTMLAttachment(200_000))
	}, "url.suspicious_tld", "links"},
	{"a URL followed by 200,000 ')'", func() []byte { return hostile.URLTail(200_000) }, "url.suspicious_tld", ""},
	{"every ambiguous brand name ×10,000, no context (9 MB)", func() []byte { return hostile.ContextNames(contextNames(), 10_000) }, "sender.brand_mismatch", ""},
}

// contextNames lists every brand's ambiguous names (kb context_names).
func contextNames() []string {
	var out []string
	for _, b := range kb.Default().Brands {
		out = append(out, b.ContextNames...)
	}
	return out
}

// Bounds every hostile message must stay within. allocBound is on bytes
// allocated in all during one analysis (peak memory is lower still).
const (
	allocBound      = 300 << 20
	reportJSONBound = 2 << 20
)

// TestHostileInputsStayBounded: each attack is analysed without error,
// says what it did (the finding or limit), and stays within the memory
// and report-size bounds. Speed is measured by BenchmarkHostile.
func TestHostileInputsStayBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and analyses several multi-megabyte mails")
	}
	a, _ := New(Options{})
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			raw := c.raw()
			var rep *Report
			var err error
			alloc := allocated(func() { rep, err = a.Analyze(context.Background(), bytes.NewReader(raw)) })
			if err != nil {
				t.Fatalf("Analyze: %v", err)
			}
			js, _ := json.Marshal(rep)
			t.Logf("%d bytes in: %s, %d findings, %d links (+%d omitted), %d MB allocated, %d KB of JSON",
				len(raw), rep.Verdict, len(rep.Findings), len(rep.Links), rep.LinksOmitted, alloc>>20, len(js)>>10)
			if alloc > allocBound {
				t.Errorf("allocated %d MB, bound %d MB", alloc>>20, allocBound>>20)
			}
			if len(js) > reportJSONBound {
				t.Errorf("JSON report is %d KB, bound %d KB", len(js)>>10, reportJSONBound>>10)
			}
			if c.finding != "" && findingOf(rep, c.finding) == nil {
				t.Errorf("%s did not fire: %v", c.finding, findingIDs(rep))
			}
			if c.limit != "" {
				f := findingOf(rep, "mail.limit_exceeded")
				if f == nil || !slices.Contains(f.Evidence["limits"].([]string), c.limit) {
					t.Errorf("no mail.limit_exceeded of kind %q: %v", c.limit, f)
				}
			}
			entries := 0
			for _, at := range rep.Attachments {
				entries += len(at.Entries)
			}
			if entries > 2000 {
				t.Errorf("%d archive entries listed, budget 2000 per message", entries)
			}
		})
	}
}

// BenchmarkHostile measures the worst cases of issue 16, one core each
// (go test -run '^$' -bench Hostile -cpu 1 .).
func BenchmarkHostile(b *testing.B) {
	a, _ := New(Options{})
	for _, c := range hostileCases {
		b.Run(c.name, func(b *testing.B) {
			raw := c.raw()
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := a.Analyze(context.Background(), bytes.NewReader(raw)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestInvisibleCharactersInDisplayName: "Ama\x00zon" and its kin no longer
// hide the brand, and the trick is reported.
func TestInvisibleCharactersInDisplayName(t *testing.T) {
	a, _ := New(Options{})
	for _, c := range []byte{0x00, 0x01, 0x1b, 0x7f} {
		rep, err := a.Analyze(context.Background(), bytes.NewReader(hostile.ControlInName(c)))
		if err != nil {
			t.Fatal(err)
		}
		if f := findingOf(rep, "sender.brand_mismatch"); f == nil || f.Severity != "high" {
			t.Errorf("control %#x: sender.brand_mismatch not high: %v", c, findingIDs(rep))
		}
		if f := findingOf(rep, "sender.hidden_characters"); f == nil || f.Severity != "high" {
			t.Errorf("control %#x: sender.hidden_characters not high: %v", c, f)
		}
		if rep.Message.From.Name != "Amazon.co.jp" {
			t.Errorf("control %#x: display name %q", c, rep.Message.From.Name)
		}
	}
}

// TestInvisibleCharactersQuietOnHonestNames: emoji sequences, which join
// their pictures with U+200D, are not a trick.
func TestInvisibleCharactersQuietOnHonestNames(t *testing.T) {
	raw := "From: =?UTF-8?B?" + "8J+RqeKAjfCfkrsg6ZaL55m66YOo" + "?= <dev@example.co.jp>\r\n" + // 👩‍💻 開発部
		"To: a@example.co.jp\r\nSubject: =?UTF-8?B?5a6a5L6L5Lya?=\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nよろしくお願いします。\r\n"
	a, _ := New(Options{})
	rep, err := a.Analyze(context.Background(), bytes.NewReader([]byte(raw)))
	if err != nil {
		t.Fatal(err)
	}
	if f := findingOf(rep, "sender.hidden_characters"); f != nil {
		t.Errorf("fired on an emoji name %q: %v", rep.Message.From.Name, f.Evidence)
	}
}

// TestAnalysisStopsWhenCancelled: the loops over a message's links,
// archive entries and checks look at the context, so a cancelled analysis
// returns its error after a bounded number of steps instead of finishing
// the work. The context here is cancelled after its tenth look.
func TestAnalysisStopsWhenCancelled(t *testing.T) {
	a, _ := New(Options{})
	for _, c := range []struct {
		name string
		raw  []byte
	}{
		{"links", hostile.BrandLinks(2000)},
		{"archives", hostile.ZipMail(hostile.NestedZip(100, 1000))},
	} {
		ctx := &lookCountingContext{Context: context.Background(), after: 10}
		rep, err := a.Analyze(ctx, bytes.NewReader(c.raw))
		if !errors.Is(err, context.Canceled) || rep != nil {
			t.Errorf("%s: cancelled analysis returned %v, %v", c.name, rep != nil, err)
		}
		// Each look that found the context ended stopped a loop: far fewer
		// than one look per link or entry.
		if n := ctx.looks.Load(); n > 200 {
			t.Errorf("%s: the context was looked at %d times after it ended", c.name, n)
		}
		// The same message with a live context is judged in full.
		if _, err := a.Analyze(context.Background(), bytes.NewReader(c.raw)); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := a.Analyze(ctx, bytes.NewReader(hostile.BrandRepeat(10))); !errors.Is(err, context.Canceled) {
		t.Errorf("already cancelled: %v", err)
	}
}

// lookCountingContext ends (Err returns Canceled) after a number of
// looks, so a test can cancel in the middle of the work without timing.
type lookCountingContext struct {
	context.Context
	after int64
	looks atomic.Int64
}

func (c *lookCountingContext) Err() error {
	if c.looks.Add(1) > c.after {
		return context.Canceled
	}
	return nil
}

func (c *lookCountingContext) Done() <-chan struct{} { return nil }

func (c *lookCountingContext) Deadline() (time.Time, bool) { return time.Time{}, false }

// findingOf returns the report's finding id, or nil.
func findingOf(rep *Report, id string) *check.Finding {
	for i := range rep.Findings {
		if string(rep.Findings[i].ID) == id {
			return &rep.Findings[i]
		}
	}
	return nil
}

// allocated returns the bytes allocated while f runs.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// BenchmarkHostileCancelled measures how soon a cancelled analysis
// returns: each run's deadline is 10 ms, so ns/op minus 10 ms is how long
// the work went on past it (go test -run '^$' -bench HostileCancelled .).
func BenchmarkHostileCancelled(b *testing.B) {
	a, _ := New(Options{})
	for _, c := range hostileCases {
		b.Run(c.name, func(b *testing.B) {
			raw := c.raw()
			for b.Loop() {
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
				a.Analyze(ctx, bytes.NewReader(raw))
				cancel()
			}
		})
	}
}
