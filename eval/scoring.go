package eval

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// scoreLine matches "  finding.id: {high: 6, medium: 3}" in scoring.yaml.
var scoreLine = regexp.MustCompile(`^(\s+)([a-z_]+\.[a-z_]+):\s*\{[^}]*\}\s*$`)

// comboLine matches "  combo.lure_from_stranger: 1.5".
var comboLine = regexp.MustCompile(`^(\s+)(combo\.[a-z_]+):\s*[0-9.]+\s*$`)

// thresholdLine matches "  suspicious: 4" and "  phishing: 8".
var thresholdLine = regexp.MustCompile(`^(\s+)(suspicious|phishing):\s*[0-9.]+\s*$`)

// RewriteScoring returns the scoring file with the fitted scores and
// thresholds written in place, its layout and order kept, and its
// leading comment replaced by header (lines without "# ").
func RewriteScoring(orig []byte, fit Fitted, header []string) []byte {
	lines := strings.Split(string(orig), "\n")
	var out []string
	for _, h := range header {
		out = append(out, strings.TrimRight("# "+h, " "))
	}
	inHeader := true
	for _, l := range lines {
		if inHeader && strings.HasPrefix(l, "#") {
			continue
		}
		inHeader = false
		if m := scoreLine.FindStringSubmatch(l); m != nil {
			if sevs, ok := fit.Scores[m[2]]; ok {
				l = m[1] + m[2] + ": " + severities(sevs)
			}
		} else if m := comboLine.FindStringSubmatch(l); m != nil {
			if v, ok := fit.Scores[m[2]][ComboSeverity]; ok {
				l = m[1] + m[2] + ": " + strconv.FormatFloat(v, 'g', -1, 64)
			}
		} else if m := thresholdLine.FindStringSubmatch(l); m != nil {
			v := fit.Suspicious
			if m[2] == "phishing" {
				v = fit.Phishing
			}
			l = m[1] + m[2] + ": " + strconv.FormatFloat(v, 'g', -1, 64)
		}
		out = append(out, l)
	}
	return []byte(strings.Join(out, "\n"))
}

// severities writes {high: …, medium: …, low: …, info: …} in that order.
func severities(m map[string]float64) string {
	order := map[string]int{"high": 0, "medium": 1, "low": 2, "info": 3}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return order[keys[i]] < order[keys[j]] })
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %s", k, strconv.FormatFloat(m[k], 'g', -1, 64))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
