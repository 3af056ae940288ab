package match

import (
	"strings"
	"testing"
	"unsafe"
)

func TestRevealCJKSpaced(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"り そ な 銀 行", "りそな銀行"},
		{"楽 天 カ ー ド", "楽天カード"},
		{"三 井 住 友 カ ー ド", "三井住友カード"},
		{"ア　マ　ゾ　ン", "アマゾン"},                // ideographic spaces
		{"ア\u00a0マ\u00a0ゾ\u00a0ン", "アマゾン"}, // NBSP
		{"ア マ　ゾ\u00a0ン", "アマゾン"},           // mixed
		{"【り そ な 銀 行】ご本人様確認のお願い", "【りそな銀行】ご本人様確認のお願い"}, // bounded by brackets
		{"お客様 三 井 住 友 銀 行 からのお知らせ", "お客様 三井住友銀行 からのお知らせ"},
		{"ｱ ﾏ ｿﾞ ﾝ", "ｱﾏｿﾞﾝ"}, // half-width katakana with its sound mark
		{"日 本 郵 便", "日本郵便"},
		{"ア マ ゾ ン and り そ な 銀 行", "アマゾン and りそな銀行"},
	} {
		got, tricks := Reveal(c.in)
		if got != c.want || tricks != TrickSpaced {
			t.Errorf("Reveal(%q) = %q, %v; want %q, spaced", c.in, got, tricks.Names(), c.want)
		}
	}
}

// TestRevealCJKOrdinary: Japanese with spaces between words, a few
// single letters, rows of a calendar or a table stay as they are,
// without an allocation.
func TestRevealCJKOrdinary(t *testing.T) {
	texts := []string{
		"山田 太郎 様",
		"私 は 学生 です。",
		"東 西 南",                   // three letters: too few
		"お 知 ら",                   // three
		"日 月 火 水 木 金 土",           // a calendar's header
		"一 二 三 四 五",               // numerals
		"ー ー ー ー ー",               // a rule
		"あ あ あ あ",                 // one letter repeated
		"は な が",                   // three
		"株式会社サンプル 営業部 田中",         // words
		"東京都 渋谷区 道玄坂 1-2-3",       // an address
		"〒150-0044 東京都渋谷区 TEL 03", // mixed
		"A B C の 3 案",
		"今日は 晴れ 時々 曇り",
		"第 1 回 会議",        // digits between
		"お客様　各位　いつも　お世話に", // ideographic spaces between words
		"り そ な銀行",         // the run ends where a word begins
		"りそ な 銀 行",        // the first letter is part of a word; three after it
	}
	for _, in := range texts {
		got, tricks := Reveal(in)
		if tricks != 0 || got != in {
			t.Errorf("Reveal(%q) = %q, %v; want it unchanged", in, got, tricks.Names())
			continue
		}
		if unsafe.StringData(got) != unsafe.StringData(in) {
			t.Errorf("Reveal(%q) returned a copy", in)
		}
	}
	all := strings.Join(texts, "\n")
	if n := testing.AllocsPerRun(20, func() { Reveal(all) }); n != 0 {
		t.Errorf("Reveal on ordinary Japanese: %v allocations", n)
	}
}

// TestCJKSpacedHint: the hint holds wherever the stage joins a run.
func TestCJKSpacedHint(t *testing.T) {
	for _, in := range []string{"り そ な 銀 行", "ア　マ　ゾ　ン", "ア\u2009マ\u2009ゾ\u2009ン", "ｱ ﾏ ｿﾞ ﾝ", "x り そ な 銀 x"} {
		if _, ok := revealCJKSpaced(in); ok && !hintsOf(in).cjkSpaced {
			t.Errorf("hintsOf(%q) misses a run revealCJKSpaced joins", in)
		}
	}
}

// FuzzCJKSpacedHint: the hint is a superset of what the stage joins, and
// the stage only drops spaces.
func FuzzCJKSpacedHint(f *testing.F) {
	for _, s := range []string{"り そ な 銀 行", "ア　マ　ゾ　ン", "ｱ ﾏ ｿﾞ ﾝ", "日 月 火 水", "お客様 三 井 住 友 銀 行 から"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, ok := revealCJKSpaced(s)
		if !ok {
			if out != s {
				t.Fatalf("revealCJKSpaced(%q) changed the text without a run", s)
			}
			return
		}
		if !hintsOf(s).cjkSpaced {
			t.Fatalf("hintsOf(%q) misses the run", s)
		}
		if len(out) >= len(s) {
			t.Fatalf("revealCJKSpaced(%q) = %q dropped nothing", s, out)
		}
	})
}
