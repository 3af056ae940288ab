package mekiki_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/report"
)

// TestGoldenText pins the text report of every team fixture in both
// languages (testdata/text-ja/NAME.txt, testdata/text-en/NAME.txt), the
// sentences a person reads. go test -update rewrites them, as it does the
// JSON goldens; -run TestGoldenText -update rewrites only these.
func TestGoldenText(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.eml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	a, err := mekiki.New(mekiki.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := func(raw []byte, lang string) []byte {
		rep, err := a.Analyze(context.Background(), bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := report.Text(&b, rep, report.TextOptions{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, lang := range []string{"ja", "en"} {
		dir := filepath.Join("testdata", "text-"+lang)
		for _, path := range files {
			name := strings.TrimSuffix(filepath.Base(path), ".eml")
			t.Run(lang+"/"+name, func(t *testing.T) {
				raw, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				got := text(raw, lang)
				if again := text(raw, lang); !bytes.Equal(got, again) {
					t.Fatalf("the %s text report of %s differs between two runs:\n%s\n----\n%s", lang, name, got, again)
				}
				golden := filepath.Join(dir, name+".txt")
				if *update {
					if err := os.MkdirAll(dir, 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -run TestGoldenText -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("text report differs from %s (review, then go test -run TestGoldenText -update):\n%s", golden, got)
				}
			})
		}
	}
}
