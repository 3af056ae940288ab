// Command tldpriors derives the top-level-domain priors in
// kb/data/tlds.yaml from the JPCERT/CC phishing URL list against the
// Tranco popular-domain list:
//
//	go run ./kb/gen/tldpriors ../shared/corpus/urls > kb/data/tlds.yaml
//
// Method: count distinct registrable domains (golang.org/x/net/publicsuffix)
// per TLD in each list; p = share among phishing domains, q = share among
// popular domains; ratio = p / (q + 1/N_popular), so that a TLD absent from
// Tranco is not infinitely suspicious. A TLD is kept with at least 30
// phishing domains and a ratio of at least 3; its severity is "medium" at a
// ratio of 20 or more (the TLD is almost only seen in phishing) and "low"
// below. Only development rows are read (sha1 of the url or domain mod 5
// is not 0; the shared corpus holds no others).
package main

import (
	"crypto/sha1"
	"encoding/csv"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/mekiki/mekiki/domain"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: tldpriors DIR (holding jpcert-phishurl.csv and tranco-top50k.csv)")
		os.Exit(2)
	}
	phish := registrables(filepath.Join(os.Args[1], "jpcert-phishurl.csv"), "url")
	legit := registrables(filepath.Join(os.Args[1], "tranco-top50k.csv"), "domain")
	pt, lt := perTLD(phish), perTLD(legit)
	P, L := float64(len(phish)), float64(len(legit))
	type row struct {
		tld      string
		ratio    float64
		nP, nL   int
		severity string
	}
	var rows []row
	for tld, n := range pt {
		ratio := (float64(n) / P) / (float64(lt[tld])/L + 1/L)
		if n >= 30 && ratio >= 3 {
			sev := "low"
			if ratio >= 20 {
				sev = "medium"
			}
			rows = append(rows, row{tld, ratio, n, lt[tld], sev})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].ratio > rows[j].ratio })
	fmt.Printf(`# Top-level domains over-represented in phishing aimed at Japan.
#
# Generated %s by kb/gen/tldpriors (its doc comment gives the method) from
# shared/corpus/urls: JPCERT/CC phishurl-list (%d distinct phishing registrable
# domains) against the Tranco top-50k list (%d domains), development rows only.
# ratio = share among phishing domains / share among popular domains.
# An analyst can add or override entries with --kb.
suspicious_tlds:
`, time.Now().Format("2006-01-02"), len(phish), len(legit))
	for _, r := range rows {
		fmt.Printf("  - {tld: %s, ratio: %.1f, severity: %s}  # %d phishing, %d popular\n", r.tld, r.ratio, r.severity, r.nP, r.nL)
	}
}

func dev(key string) bool {
	sum := sha1.Sum([]byte(key))
	return new(big.Int).Mod(new(big.Int).SetBytes(sum[:]), big.NewInt(5)).Sign() != 0
}

// registrables reads column col of a CSV and returns the distinct
// registrable domains of its development rows.
func registrables(path, col string) map[string]bool {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	idx := -1
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), col) {
			idx = i
		}
	}
	out := map[string]bool{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil || idx >= len(rec) {
			continue
		}
		v := strings.TrimSpace(rec[idx])
		if !dev(v) {
			continue
		}
		if col == "domain" {
			v = "https://" + v + "/"
		}
		if u, ok := domain.ParseURL(v); ok && !u.IP && u.Registrable != "" {
			out[u.Registrable] = true
		}
	}
	return out
}

func perTLD(regs map[string]bool) map[string]int {
	out := map[string]int{}
	for r := range regs {
		out[r[strings.LastIndexByte(r, '.')+1:]]++
	}
	return out
}
