package kb

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

func TestSimplifiedOnly(t *testing.T) {
	k := Default()
	for _, r := range "们这说验证户码录邮" {
		if !k.IsSimplifiedOnly(r) {
			t.Errorf("%c not listed as Simplified-only", r)
		}
	}
	// Japanese characters, including shinjitai that look simplified.
	for _, r := range "日本語証検体学国会売読様確認変更号点あア" {
		if k.IsSimplifiedOnly(r) {
			t.Errorf("%c (used in Japanese) listed as Simplified-only", r)
		}
	}
}

// TestSimplifiedNotEncodableInJIS checks the list against an independent
// source: no listed character can be written in Shift_JIS (as Windows
// extends it, CP932: JIS X 0208 and the NEC and IBM extensions), the
// encoding Japanese mail software has always been able to send.
func TestSimplifiedNotEncodableInJIS(t *testing.T) {
	k := Default()
	enc := japanese.ShiftJIS.NewEncoder()
	var in []string
	for r := range k.simplified {
		if _, err := enc.String(string(r)); err == nil {
			in = append(in, string(r))
		}
	}
	if len(in) > 0 {
		t.Errorf("%d listed characters are in Shift_JIS: %s", len(in), strings.Join(in, ""))
	}
	if len(k.simplified) < 1500 {
		t.Errorf("only %d Simplified-only characters loaded", len(k.simplified))
	}
}
