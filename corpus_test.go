package mekiki_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mekiki/mekiki"
)

// corpusDir is the shared evaluation corpus beside the repository
// (../shared/corpus); MEKIKI_CORPUS overrides it.
func corpusDir() string {
	if d := os.Getenv("MEKIKI_CORPUS"); d != "" {
		return d
	}
	return filepath.Join("..", "shared", "corpus")
}

func corpusFiles(tb testing.TB) []string {
	tb.Helper()
	var files []string
	for _, dir := range []string{"ham", "ham-ja", "phish", "phish-ja", "spam"} {
		f, _ := filepath.Glob(filepath.Join(corpusDir(), dir, "*.eml"))
		files = append(files, f...)
	}
	if len(files) == 0 {
		tb.Skipf("no corpus at %s (set MEKIKI_CORPUS): skipping", corpusDir())
	}
	return files
}

// TestCorpusAnalyses analyses every message of the shared corpus: none may
// fail, panic or come out with undecodable text in its subject.
func TestCorpusAnalyses(t *testing.T) {
	files := corpusFiles(t)
	a, _ := mekiki.New(mekiki.Options{})
	failed := 0
	verdicts := map[string]map[string]int{} // folder → verdict → count
	ids := map[string]map[string]int{}      // folder → finding id → messages
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := a.Analyze(context.Background(), bytes.NewReader(raw))
		if err != nil {
			failed++
			t.Errorf("%s: %v", f, err)
			continue
		}
		if strings.Contains(rep.Message.Subject, "=?") && strings.Contains(rep.Message.Subject, "?=") {
			t.Errorf("%s: encoded-word left in subject %q", f, rep.Message.Subject)
		}
		folder := filepath.Base(filepath.Dir(f))
		if verdicts[folder] == nil {
			verdicts[folder] = map[string]int{}
		}
		verdicts[folder][rep.Verdict]++
		if ids[folder] == nil {
			ids[folder] = map[string]int{}
		}
		for _, f := range rep.Findings {
			if family(string(f.ID)) != "" {
				ids[folder][string(f.ID)]++
			}
		}
	}
	t.Logf("analysed %d corpus messages, %d failed", len(files), failed)
	for _, folder := range []string{"phish-ja", "phish", "spam", "ham-ja", "ham"} {
		v := verdicts[folder]
		n := v["phishing"] + v["suspicious"] + v["clean"]
		if n > 0 {
			t.Logf("%-9s %4d messages: phishing %4d, suspicious %4d, clean %4d (flagged %.1f%%)", folder, n,
				v["phishing"], v["suspicious"], v["clean"], 100*float64(v["phishing"]+v["suspicious"])/float64(n))
			var keys []string
			for id := range ids[folder] {
				keys = append(keys, id)
			}
			sort.Strings(keys)
			for _, fam := range []string{"url.", "content.", "attachment."} {
				var line strings.Builder
				for _, id := range keys {
					if family(id) == fam {
						fmt.Fprintf(&line, " %s %.1f%%", strings.TrimPrefix(id, fam), 100*float64(ids[folder][id])/float64(n))
					}
				}
				if line.Len() > 0 {
					t.Logf("%-9s %s* by message:%s", "", fam, line.String())
				}
			}
		}
	}
	// Issue 4's bound: no content finding on more than 2% of legitimate mail.
	nHam := verdicts["ham"]["phishing"] + verdicts["ham"]["suspicious"] + verdicts["ham"]["clean"] +
		verdicts["ham-ja"]["phishing"] + verdicts["ham-ja"]["suspicious"] + verdicts["ham-ja"]["clean"]
	hamIDs := maps.Clone(ids["ham"])
	maps.Copy(hamIDs, ids["ham-ja"])
	for id := range hamIDs {
		if family(id) != "content." {
			continue
		}
		if share := float64(ids["ham"][id]+ids["ham-ja"][id]) / float64(nHam); share > 0.02 {
			t.Errorf("%s fires on %.1f%% of ham messages (bound 2%%)", id, 100*share)
		}
	}
}

// family returns the finding-id family the corpus figures are kept for.
func family(id string) string {
	for _, f := range []string{"url.", "content.", "attachment."} {
		if strings.HasPrefix(id, f) {
			return f
		}
	}
	return ""
}

// BenchmarkAnalyzeCorpus analyses the whole corpus once per iteration on
// one goroutine: msgs/s is per core.
func BenchmarkAnalyzeCorpus(b *testing.B) {
	files := corpusFiles(b)
	msgs := make([][]byte, len(files))
	total := 0
	for i, f := range files {
		msgs[i], _ = os.ReadFile(f)
		total += len(msgs[i])
	}
	b.SetBytes(int64(total))
	benchAnalyze(b, msgs)
}

// benchAnalyze analyses msgs once per iteration on one goroutine and
// reports messages per second (per core) and allocations.
func benchAnalyze(b *testing.B, msgs [][]byte) {
	a, _ := mekiki.New(mekiki.Options{})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, m := range msgs {
			if _, err := a.Analyze(context.Background(), bytes.NewReader(m)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(msgs)*b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkAnalyzeMedian analyses the corpus message of median size, the
// figure the foundation's target (5,000 msgs/s per core) is stated for.
func BenchmarkAnalyzeMedian(b *testing.B) {
	files := corpusFiles(b)
	type sized struct {
		path string
		size int64
	}
	var all []sized
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			all = append(all, sized{f, st.Size()})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].size < all[j].size })
	raw, _ := os.ReadFile(all[len(all)/2].path)
	b.SetBytes(int64(len(raw)))
	benchAnalyze(b, [][]byte{raw})
}

// BenchmarkAnalyzeFixtures covers the team's own fixtures, for machines
// without the corpus.
func BenchmarkAnalyzeFixtures(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	var msgs [][]byte
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		msgs = append(msgs, raw)
	}
	benchAnalyze(b, msgs)
}
