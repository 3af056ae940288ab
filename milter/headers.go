package milter

import (
	"fmt"
	"mime"
	"strconv"
	"strings"

	"github.com/mekiki/mekiki"
)

// The headers the milter writes on every message it judges. Copies that
// arrive with a message are removed first, so a sender cannot pre-mark
// its own mail clean.
const (
	HeaderVerdict  = "X-Mekiki-Verdict"
	HeaderScore    = "X-Mekiki-Score"
	HeaderFindings = "X-Mekiki-Findings"
	// HeaderAnalysis is written only on messages the light analysis
	// judged, with why: "light (full analysis timed out)".
	HeaderAnalysis = "X-Mekiki-Analysis"
)

// isOwnHeader reports a header the milter writes.
func isOwnHeader(name string) bool {
	for _, h := range []string{HeaderVerdict, HeaderScore, HeaderFindings, HeaderAnalysis} {
		if strings.EqualFold(name, h) {
			return true
		}
	}
	return false
}

// lightReasons are the X-Mekiki-Analysis values by the full analysis'
// reason for not judging.
var lightReasons = map[string]string{
	"timeout":  "light (full analysis timed out)",
	"overload": "light (no free analysis slot)",
	"error":    "light (full analysis failed)",
}

// maxFindingIDs bounds the X-Mekiki-Findings list; the rest is counted.
const maxFindingIDs = 16

// markHeaders are the X-Mekiki-* fields for rep, in order; degraded is
// why the light analysis judged, empty when the full one did.
func markHeaders(rep *mekiki.Report, degraded string) [][2]string {
	ids := make([]string, 0, len(rep.Findings))
	for _, f := range rep.Findings {
		if len(ids) == maxFindingIDs {
			ids = append(ids, fmt.Sprintf("(+%d more)", len(rep.Findings)-maxFindingIDs))
			break
		}
		ids = append(ids, string(f.ID))
	}
	findings := "none"
	if len(ids) > 0 {
		// Folded one per line: long lists stay within the 78-column
		// recommendation of RFC 5322.
		findings = strings.Join(ids, ",\r\n\t")
	}
	h := [][2]string{
		{HeaderVerdict, rep.Verdict},
		{HeaderScore, strconv.FormatFloat(rep.Score, 'f', -1, 64)},
		{HeaderFindings, findings},
	}
	if degraded != "" || rep.Light {
		why, ok := lightReasons[degraded]
		if !ok {
			why = "light"
		}
		h = append(h, [2]string{HeaderAnalysis, why})
	}
	return h
}

// taggedSubject is the raw Subject value with prefix in front. A
// non-ASCII prefix is written as an RFC 2047 encoded word; when the
// subject itself starts with one, the separating space goes inside the
// prefix's word, because readers drop the space between two encoded words.
func taggedSubject(prefix, raw string) string {
	raw = strings.TrimLeft(raw, " \t")
	if isASCII(prefix) {
		if raw == "" {
			return prefix
		}
		return prefix + " " + raw
	}
	if raw == "" {
		return mime.BEncoding.Encode("UTF-8", prefix)
	}
	if strings.HasPrefix(raw, "=?") {
		return mime.BEncoding.Encode("UTF-8", prefix+" ") + " " + raw
	}
	return mime.BEncoding.Encode("UTF-8", prefix) + " " + raw
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
