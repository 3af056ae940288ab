package check

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClip(t *testing.T) {
	if got := Clip("short", 10); got != "short" {
		t.Errorf("Clip kept %q", got)
	}
	long := strings.Repeat("あ", 100) // 3 bytes each
	for n := 1; n < 12; n++ {
		got := Clip(long, n)
		if !utf8.ValidString(got) || !strings.HasSuffix(got, "…") || len(got) > n+len("…") {
			t.Errorf("Clip(…, %d) = %q", n, got)
		}
	}
}
