package clip

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	if got := String("short", 10); got != "short" {
		t.Errorf("String kept %q", got)
	}
	long := strings.Repeat("あ", 100) // 3 bytes each
	for n := 1; n < 12; n++ {
		got := String(long, n)
		if !utf8.ValidString(got) || !strings.HasSuffix(got, "…") || len(got) > n+len("…") {
			t.Errorf("String(…, %d) = %q", n, got)
		}
	}
}
