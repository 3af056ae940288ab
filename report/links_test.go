package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mekiki/mekiki/report"
)

// TestOffendingLinksMarkedFirst: the links that raised findings come
// first in the text report, marked ⚠ with what is wrong with them.
func TestOffendingLinksMarkedFirst(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		var b bytes.Buffer
		_ = report.Text(&b, analyze(t, "phish-iso2022jp-amazon.eml"), report.TextOptions{Lang: lang})
		out := b.String()
		i := strings.Index(out, "\n⚠ ")
		if i < 0 {
			t.Fatalf("%s: no marked link:\n%s", lang, out)
		}
		line := out[i+1:]
		line = line[:strings.IndexByte(line, '\n')]
		want := "サブドメインやパスにブランド名"
		if lang == "en" {
			want = "Brand name in a subdomain or path"
		}
		if !strings.Contains(line, "verify-account.top") || !strings.Contains(line, want) {
			t.Errorf("%s: marked line %q", lang, line)
		}
	}
}
