package clip

import "testing"

func TestVisible(t *testing.T) {
	for in, want := range map[string]string{
		"invoice\u202efdp.exe":  "invoice⟨U+202E⟩fdp.exe",
		"a\u200fb\u2066c\u2069": "a⟨U+200F⟩b⟨U+2066⟩c⟨U+2069⟩",
		"bell\x07\x1b[31m":      "bell⟨U+0007⟩⟨U+001B⟩[31m",
		"c1\u0085x":             "c1⟨U+0085⟩x",
		"line\nbreak":           "line⟨U+000A⟩break",
		"請求書.pdf":               "請求書.pdf",
	} {
		if got := Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
	}
}
