package mekiki

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/mekiki/mekiki/internal/hostile"
	"github.com/mekiki/mekiki/mail"
)

// FuzzAnalyze feeds arbitrary bytes through the whole analysis, parser,
// attachments, checks and report, on small limits: it must never panic
// or fail to render, and the report stays within its bounds (links, and
// JSON a bounded multiple of the input).
func FuzzAnalyze(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add(hostile.ControlInName(0))
	f.Add(hostile.URLTail(100))
	f.Add(hostile.LongHost(200))
	f.Add(hostile.ZipMail(hostile.NestedZip(3, 3)))
	lim := mail.Limits{MaxSize: 1 << 20, MaxDepth: 8, MaxParts: 64, MaxPartSize: 1 << 20, MaxLinks: 100}
	a, _ := New(Options{Limits: lim})
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := a.Analyze(context.Background(), bytes.NewReader(data))
		if err != nil {
			return
		}
		if len(rep.Links) > lim.MaxLinks*2 { // the parser's links and those found in attachments
			t.Fatalf("%d links reported, limit %d", len(rep.Links), lim.MaxLinks)
		}
		if _, err := json.Marshal(rep); err != nil {
			t.Fatalf("report does not render: %v", err)
		}
	})
}
