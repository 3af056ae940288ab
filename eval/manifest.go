// Package eval measures mekiki on labelled mail: it reads a manifest,
// analyses every message, and computes confusion matrices, precision,
// recall, F1 and false-positive rates for the verdict "phishing" and for
// "phishing or suspicious", per language and per finding id. It also
// fits the finding weights and thresholds on the dev split (Fit).
//
// The split is by a hash of the message's bytes, so it is the same on
// every machine and never depends on file names or order: calibration
// sees only "dev", the figures that count are on "test".
package eval

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Labels a manifest may give.
const (
	Phishing = "phishing"
	Spam     = "spam"
	Ham      = "ham"
)

// Splits of the corpus.
const (
	Dev  = "dev"
	Test = "test"
	All  = "all"
)

// Item is one labelled message of a manifest.
type Item struct {
	Path  string // as written in the manifest
	File  string // resolved against the manifest's directory
	Label string // Phishing, Spam or Ham
	Lang  string // "ja", "en", "other" or "" when the manifest does not say
	// Kind is what sort of phishing, fraud or spam the message is (the
	// corpus manifest's "kind" column: credential, crypto, marketing…),
	// "" when the manifest has no such column.
	Kind string
	// Data holds the message when it does not come from a file (the
	// embedded hard negatives).
	Data []byte
	// Always puts the item in every split (the team's hard negatives).
	Always bool
}

// ReadManifest reads the corpus manifest (a header line "path<TAB>label
// <TAB>language…", as in shared/corpus/MANIFEST.tsv, with an optional
// "kind" column found by its name in the header) or a plain list of
// "label<TAB>path" lines. Blank lines and lines starting with # are
// skipped. Paths are resolved against the manifest's directory.
func ReadManifest(path string) ([]Item, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open the manifest: %w", err)
	}
	defer f.Close()
	return parseManifest(f, filepath.Dir(path))
}

func parseManifest(r io.Reader, dir string) ([]Item, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var items []Item
	corpusForm := false
	kindCol := -1 // index of the "kind" column, -1 when there is none
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if n == 1 && len(cols) >= 2 && cols[0] == "path" && cols[1] == "label" {
			corpusForm = true
			for i, c := range cols {
				if strings.TrimSpace(c) == "kind" {
					kindCol = i
				}
			}
			continue
		}
		if len(cols) < 2 {
			return nil, fmt.Errorf("manifest line %d has no tab between label and path", n)
		}
		it := Item{}
		if corpusForm {
			it.Path, it.Label = cols[0], cols[1]
			if len(cols) > 2 {
				it.Lang = cols[2]
			}
			if kindCol >= 0 && kindCol < len(cols) {
				it.Kind = strings.TrimSpace(cols[kindCol])
			}
		} else {
			it.Label, it.Path = cols[0], cols[1]
		}
		switch it.Label {
		case Phishing, Spam, Ham:
		default:
			return nil, fmt.Errorf("manifest line %d: label %q is not phishing, spam or ham", n, it.Label)
		}
		it.File = it.Path
		if !filepath.IsAbs(it.File) {
			it.File = filepath.Join(dir, it.Path)
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("cannot read the manifest: %w", err)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("the manifest lists no messages")
	}
	return items, nil
}

// SplitOf assigns a message to Dev or Test by the first byte of the
// SHA-256 of its bytes: about half each, the same everywhere.
func SplitOf(raw []byte) string {
	if sha256.Sum256(raw)[0]&1 == 1 {
		return Test
	}
	return Dev
}
