package mail

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixtures checks what the parser decodes from each of the team's
// test mails: every charset and encoding trick the fixtures were written
// for must come out as readable Japanese (or English).
func TestFixtures(t *testing.T) {
	cases := []struct {
		file      string
		subject   string
		fromName  string
		fromAddr  string
		textHas   []string
		links     int
		attach    []string
		noticeHas string
	}{
		{file: "phish-iso2022jp-amazon.eml", subject: "【重要】Amazonアカウントの確認が必要です", fromName: "Amazon.co.jp お客様サポート",
			fromAddr: "no-reply@amazon-support.verify-account.top", textHas: []string{"24時間以内に以下のリンクから本人確認"}, links: 1},
		{file: "legit-amazon-order.eml", subject: "Amazon.co.jp ご注文の確認", fromName: "Amazon.co.jp", fromAddr: "auto-confirm@amazon.co.jp",
			textHas: []string{"ご注文番号 250-1234567-1234567", "注文履歴を表示"}, links: 2},
		{file: "legit-esp-newsletter.eml", subject: "【冬のセール】土鍋が20%オフ", fromName: "キッチン用品のお店 ニュース",
			textHas: []string{"いつもご利用ありがとうございます。"}, links: 1},
		{file: "phish-cp932-freemail.eml", subject: "【三井住友カード】ご利用確認のお願い", fromName: "三井住友カード",
			textHas: []string{"不正利用の可能性があります"}, links: 1},
		{file: "legit-iso2022jp-ms-internal.eml", subject: "①会議室予約の件（㈱サンプル商事）", fromName: "鈴木 一郎",
			textHas: []string{"10時～12時", "㈱サンプル商事の髙橋様と﨑山様", "ﾊﾝｶｸｶﾀｶﾅの名札"}},
		{file: "phish-sjis-raw-headers.eml", subject: "[迷惑メール] お荷物のお届けについて", fromName: "ヤマト運輸",
			textHas: []string{"不在のため持ち帰りました"}, links: 1},
		{file: "legit-sjis-labelled-jis.eml", subject: "週末の予定", fromName: "田中 次郎", textHas: []string{"駅前の喫茶店で会いましょう。表示できない文字はありませんか？"}},
		{file: "legit-eucjp-mbox.eml", subject: "写真を送ります", fromName: "田中 次郎", fromAddr: "tanaka@friend-isp.example.jp",
			textHas: []string{"先日の旅行の写真です。"}},
		{file: "phish-html-meta-charset.eml", subject: "【えきねっと】アカウント自動退会処理のお知らせ", fromName: "えきねっと",
			textHas: []string{"えきねっとをご利用いただきありがとうございます。", "© East Japan Railway Company"}, links: 3},
		{file: "phish-latin1-paypal.eml", subject: "Your account has been limited – action required", fromName: "PayPal Service",
			textHas: []string{"We’ve limited your account", "Café PayPal team"}, links: 1},
		{file: "legit-encoded-word-edge.eml", subject: "Re: 見積書の件（第2版）ご確認ください and more", fromName: "佐藤 花子",
			textHas: []string{"見積書の第2版をお送りします。"}},
		{file: "legit-rfc2231-invoice.eml", subject: "11月分請求書の送付", fromName: "経理部",
			textHas: []string{"11月分の請求書を添付します。"}, attach: []string{"", "請求書_11月.pdf", "明細.csv"}},
		{file: "edge-deep-nesting.eml", subject: "nested", noticeHas: "nesting deeper than 16"},
		{file: "legit-list-dmarc-rewrite-crlf.eml", subject: "[Dev-users] Re: build fails on arm64", fromName: "Ken Ito via Dev-users"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("..", "testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			m, err := ParseBytes(raw, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if m.Subject != c.subject {
				t.Errorf("subject = %q, want %q", m.Subject, c.subject)
			}
			if c.fromName != "" && m.From.Name != c.fromName {
				t.Errorf("from name = %q, want %q", m.From.Name, c.fromName)
			}
			if c.fromAddr != "" && m.From.Address != c.fromAddr {
				t.Errorf("from address = %q, want %q", m.From.Address, c.fromAddr)
			}
			for _, want := range c.textHas {
				if !strings.Contains(m.Text, want) {
					t.Errorf("text lacks %q; text is %q", want, m.Text)
				}
			}
			if strings.ContainsRune(m.Text, '\uFFFD') || strings.ContainsRune(m.Subject, '\uFFFD') {
				t.Errorf("replacement character in decoded text: %q / %q", m.Subject, m.Text)
			}
			if len(m.Links) != c.links {
				t.Errorf("links = %d (%v), want %d", len(m.Links), m.Links, c.links)
			}
			var names []string
			for _, a := range m.Attachments {
				names = append(names, a.Name)
			}
			if strings.Join(names, "|") != strings.Join(c.attach, "|") {
				t.Errorf("attachments = %q, want %q", names, c.attach)
			}
			var notices []string
			for _, n := range m.Notices {
				notices = append(notices, n.Detail)
			}
			if c.noticeHas != "" && !strings.Contains(strings.Join(notices, ";"), c.noticeHas) {
				t.Errorf("notices %q lack %q", notices, c.noticeHas)
			}
			if c.noticeHas == "" && len(notices) > 0 {
				t.Errorf("unexpected notices %q", notices)
			}
		})
	}
}
