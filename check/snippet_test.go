package check

import (
	"strings"
	"testing"

	"github.com/mekiki/mekiki/match"
)

// snippetOf cuts the snippet around the first occurrence of phrase in
// the matching form of text.
func snippetOf(t *testing.T, text, phrase string) snippet {
	t.Helper()
	cased := match.NormalizeCase(text)
	i := strings.Index(cased, phrase)
	if i < 0 {
		t.Fatalf("%q not in %q", phrase, cased)
	}
	return cutSnippet(cased, i, i+len(phrase), newLineIndex([]string{text}, cased))
}

// Snippets are cut where a reader sees a boundary (issue 20: 「…間以内に…」
// for 24時間以内).
func TestSnippetBoundaries(t *testing.T) {
	for _, c := range []struct{ text, phrase, ja string }{
		// The phrase starts inside a number with its unit: the match
		// grows to the whole word, the sentence before stays out.
		{"お客様のアカウントに問題が見つかりました。24時間以内にログインし、カード情報を再度入力してください。ご確認いただけない場合はアカウントを停止します。",
			"時間以内", "「24時間以内」にログインし、カード情報を再度入力してください。"},
		// A sentence too long to show whole is cut between words.
		{"お客様のアカウントに問題が見つかりました。24時間以内にログインし、登録されているクレジットカード情報とご住所を再度入力してください。",
			"時間以内", "「24時間以内」にログインし、登録されている…"},
		// The sentence around the phrase, whole.
		{"いつもご利用ありがとうございます。安全のため、現在お客様の口座のお取引を一時的に制限しております。お手数ですが下記よりご確認ください。",
			"一時的に制限", "安全のため、現在お客様の口座のお取引を「一時的に制限」しております。"},
		// A line break is a boundary even where the matching form joins
		// the lines.
		{"【至急】パスワード変更のお願い\n社員各位\nセキュリティ強化のため、本日中にパスワードを変更してください。",
			"パスワード変更", "【至急】「パスワード変更」のお願い"},
		// An honorific prefix belongs to its noun.
		{"Amazonプライムの自動更新を停止しました\nお支払い方法を更新してください。", "支払い方法を更新", "「お支払い方法を更新」してください。"},
		// Latin text is cut between words.
		{"We detected unusual activity on your mailbox and all of your files and backups, verify your account within 24 hours to keep using the service without interruption.",
			"verify your account", "…of your files and backups, 「verify your account」 within 24 hours to keep…"},
	} {
		got := snippetOf(t, c.text, c.phrase).ja()
		if got != c.ja {
			t.Errorf("snippet of %q:\n got %s\nwant %s", c.phrase, got, c.ja)
		}
	}
}

// No snippet cuts a run of kanji or katakana, or a number from its unit.
func TestSnippetNeverCutsWords(t *testing.T) {
	text := "重要なお知らせ：お客様のアカウントセキュリティ確認手続き期限切迫のため24時間以内に本人確認手続きを完了しないとアカウント永久停止処分となります"
	for _, phrase := range []string{"本人確認", "24時間以内", "永久停止"} {
		sn := snippetOf(t, text, phrase)
		plain := sn.plain()
		first, last := []rune(strings.TrimPrefix(plain, "…")), []rune(strings.TrimSuffix(plain, "…"))
		cased := match.NormalizeCase(text)
		i := strings.Index(cased, strings.Trim(plain, "…"))
		if i < 0 {
			t.Fatalf("snippet %q is not a piece of the text", plain)
		}
		j := i + len(strings.Trim(plain, "…"))
		if i > 0 {
			prev := []rune(cased[:i])
			if joined(classOf(prev[len(prev)-1], first[0]), classOf(first[0], ' '), prev[len(prev)-1]) && classOf(first[0], ' ') != clsHiragana {
				t.Errorf("%s: snippet %q starts inside a word", phrase, plain)
			}
		}
		if j < len(cased) {
			next := []rune(cased[j:])[0]
			a := classOf(last[len(last)-1], next)
			if a != clsHiragana && joined(a, classOf(next, ' '), last[len(last)-1]) {
				t.Errorf("%s: snippet %q ends inside a word", phrase, plain)
			}
		}
		if !strings.Contains(sn.ja(), "「"+phrase+"」") {
			t.Errorf("%s: match not highlighted whole in %s", phrase, sn.ja())
		}
	}
}

func TestTidyJA(t *testing.T) {
	for in, want := range map[string]string{
		"送信元ドメイン x.example は Amazon（アマゾン） の正規ドメインではありません。": "送信元ドメイン x.example は Amazon（アマゾン）の正規ドメインではありません。",
		"送信元ドメイン x.example は マイクロソフト の正規ドメイン":              "送信元ドメイン x.example はマイクロソフトの正規ドメイン",
		"このメールは 192.0.2.1（逆引き なし、HELO なし）から":               "このメールは 192.0.2.1（逆引きなし、HELO なし）から",
		"表示名で「り そ な 銀 行」を名乗っています":                          "表示名で「り そ な 銀 行」を名乗っています",
		"添付ファイル 「a b.zip」 は":                               "添付ファイル「a b.zip」は",
		"該当箇所：" + keep("お願い 社員各位"):                         "該当箇所：お願い 社員各位",
		"HTML の添付ファイル":                                     "HTML の添付ファイル",
	} {
		if got := tidyJA(in); got != want {
			t.Errorf("tidyJA(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

// Every check says what it looks for in Japanese too (mekiki checks).
func TestChecksHaveDocJA(t *testing.T) {
	for _, c := range All {
		if c.Doc == "" || c.DocJA == "" || !strings.ContainsFunc(c.DocJA, func(r rune) bool { return r >= 0x3040 && r <= 0x30ff }) {
			t.Errorf("check %s: Doc %q, DocJA %q", c.ID, c.Doc, c.DocJA)
		}
	}
}

// Snippets take any text, broken or not, without a panic.
func FuzzSnippet(f *testing.F) {
	f.Add("お客様の口座を24時間以内に停止します。", 3, 12)
	f.Add("a\xffb。\nc", 0, 2)
	f.Fuzz(func(t *testing.T, s string, start, end int) {
		if start < 0 || end < start || end > len(s) {
			return
		}
		sn := cutSnippet(s, start, end, newLineIndex([]string{s}, s))
		_ = sn.ja() + sn.en() + tidyJA(sn.ja())
	})
}
