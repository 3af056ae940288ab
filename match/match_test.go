package match

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ＡＭＡＺＯＮ", "amazon"},
		{"東 京 電 力", "東京電力"},
		{"Amazon お客様", "amazonお客様"},
		{"Coi\u2064nc\u2064heck", "coincheck"},
		{"Microsoft  365", "microsoft 365"},
		{"ｱﾏｿﾞﾝ", "アマゾン"},
	} {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestDictionary(t *testing.T) {
	terms := []Term{
		{Text: "au", Value: 1},
		{Text: "楽天", Value: 2},
		{Text: "line", Value: 3, CaseSensitive: true, Cased: "LINE"},
		{Text: "amazon", Value: 4},
		{Text: "dポイント", Value: 5},
	}
	d := NewDictionary(terms)
	for _, c := range []struct {
		in   string
		want []int
	}{
		{"because of au", []int{1}},
		{"楽天カードのお知らせ", []int{2}},
		{"LINEアカウント", []int{3}},
		{"one line of text", nil},
		{"amazonamazon", nil},
		{"amazon.co.jp", []int{4}},
		{"エンドポイント", nil},
		{"endポイント", nil},
		{"dポイントが失効", []int{5}},
		{"au楽天", []int{1, 2}},
	} {
		text := Normalize(c.in)
		var got []int
		for _, h := range d.Find(text, NormalizeCase(c.in)) {
			got = append(got, h.Term.Value)
		}
		if len(got) != len(c.want) {
			t.Errorf("%q: got %v, want %v", c.in, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q: got %v, want %v", c.in, got, c.want)
			}
		}
	}
}

func TestFoldKana(t *testing.T) {
	cases := map[string]string{
		"ログイン":          "ろぐいん",
		"パスワードを入力":      "ぱすわーどを入力",
		"ヴ":             "ゔ",
		"login ログイン ok": "login ろぐいん ok",
		"ひらがな":          "ひらがな",
	}
	for in, want := range cases {
		got := FoldKana(in)
		if got != want {
			t.Errorf("FoldKana(%q) = %q, want %q", in, got, want)
		}
		if len(got) != len(in) {
			t.Errorf("FoldKana(%q) changed the byte length", in)
		}
	}
}

// TestNormalizeASCIIFastPath: the byte loop for plain ASCII gives what the
// general path gives for the same text.
func TestNormalizeASCIIFastPath(t *testing.T) {
	for _, s := range []string{"", "  Amazon  Japan\r\n\tG.K. ", "Ama\x00zon\x7f x", "a\x1b[31mb", "trailing   "} {
		// A non-ASCII character at the end sends the text down the
		// general path; it is then removed from the comparison.
		general := NormalizeCase(s + "é")
		general = strings.TrimSuffix(strings.TrimSuffix(general, "é"), " ")
		if got := NormalizeCase(s); got != general && got != strings.TrimSuffix(general, " ") {
			t.Errorf("NormalizeCase(%q) = %q, general path %q", s, got, general)
		}
	}
}
