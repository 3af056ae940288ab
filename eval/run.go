package eval

import (
	"bytes"
	"context"
	"os"
	"runtime"
	"sync"

	"github.com/mekiki/mekiki"
)

// Hit is one finding raised on a message.
type Hit struct {
	ID       string  `json:"id"`
	Severity string  `json:"severity"`
	Score    float64 `json:"score"`
}

// Outcome is what mekiki said of one item.
type Outcome struct {
	Path     string  `json:"path"`
	Label    string  `json:"label"`
	Lang     string  `json:"lang,omitempty"`
	Kind     string  `json:"kind,omitempty"`
	Split    string  `json:"split"`
	Verdict  string  `json:"verdict"`
	Score    float64 `json:"score"`
	Findings []Hit   `json:"findings"`
	Err      string  `json:"error,omitempty"`
}

// Analyze runs the analyzer on every item of the split (All for every
// item; items marked Always are in every split), in parallel, and
// returns the outcomes in manifest order. A message that cannot be read
// or parsed is kept with Err set.
func Analyze(ctx context.Context, a *mekiki.Analyzer, items []Item, split string) []Outcome {
	type job struct {
		i   int
		raw []byte
		err error
	}
	out := make([]Outcome, len(items))
	keep := make([]bool, len(items))
	jobs := make(chan job)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				it := items[j.i]
				o := Outcome{Path: it.Path, Label: it.Label, Lang: it.Lang, Kind: it.Kind, Split: splitName(it, j.raw)}
				if j.err != nil {
					o.Err = j.err.Error()
				} else if rep, err := a.Analyze(ctx, bytes.NewReader(j.raw)); err != nil {
					o.Err = err.Error()
				} else {
					o.Verdict, o.Score = rep.Verdict, rep.Score
					for _, f := range rep.Findings {
						o.Findings = append(o.Findings, Hit{ID: string(f.ID), Severity: f.Severity, Score: f.Score})
					}
				}
				out[j.i] = o
			}
		}()
	}
	for i, it := range items {
		raw, err := it.Data, error(nil)
		if raw == nil {
			raw, err = os.ReadFile(it.File)
		}
		if split != All && !it.Always && err == nil && SplitOf(raw) != split {
			continue
		}
		keep[i] = true
		jobs <- job{i: i, raw: raw, err: err}
	}
	close(jobs)
	wg.Wait()
	var kept []Outcome
	for i, o := range out {
		if keep[i] {
			kept = append(kept, o)
		}
	}
	return kept
}

func splitName(it Item, raw []byte) string {
	if it.Always {
		return All
	}
	return SplitOf(raw)
}
