package scan

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/mekiki/mekiki/kb"
)

// words are the labels of the scan's text output in one language.
type words struct {
	verdict                                 map[string]string
	errLabel                                string
	summary                                 string // messages, MB, unreadable, phishing, suspicious, clean
	topFindings, topBrands, topDomains, top string
	campaigns, campaign                     string
	brands, recipients, shared, subject     string
	more                                    string
	sharedKey                               [][2]string // prefixes of Campaign.Shared and their translation
	setKeyword, moveIMAP, moveFile          [2]string   // dry run, applied
}

var textWords = map[string]words{
	"en": {
		verdict:     map[string]string{"phishing": "phishing", "suspicious": "suspicious", "clean": "clean"},
		errLabel:    "error",
		summary:     "%d messages (%.1f MB), %d unreadable: phishing %d, suspicious %d, clean %d",
		topFindings: "top findings (flagged messages)", topBrands: "top claimed brands",
		topDomains: "top link domains", top: "top originating networks",
		campaigns: "campaigns: %d", campaign: "#%d  %d messages%s",
		brands: "brands:     ", recipients: "recipients: ", shared: "shared:     ", subject: "subject:    ",
		more:       "… +%d",
		setKeyword: [2]string{"would set %[1]s on %[2]d IMAP messages in %[3]s", "did set %[1]s on %[2]d IMAP messages in %[3]s"},
		moveIMAP:   [2]string{"would move %[1]d IMAP messages from %[2]s to %[3]s", "did move %[1]d IMAP messages from %[2]s to %[3]s"},
		moveFile:   [2]string{"would move %[1]s to %[2]s", "did move %[1]s to %[2]s"},
	},
	"ja": {
		verdict:     map[string]string{"phishing": "フィッシング", "suspicious": "要注意", "clean": "問題なし"},
		errLabel:    "エラー",
		summary:     "%d 通（%.1f MB）、読めなかったもの %d: フィッシング %d、要注意 %d、問題なし %d",
		topFindings: "多かった根拠（フィッシング・要注意のメール）", topBrands: "多く名乗られたブランド",
		topDomains: "多かったリンク先ドメイン", top: "多かった送信元ネットワーク",
		campaigns: "キャンペーン: %d", campaign: "#%d  %d 通%s",
		brands: "ブランド: ", recipients: "宛先:     ", shared: "共通点:   ", subject: "件名:     ",
		more: "… ほか %d 通",
		sharedKey: [][2]string{{"link domain ", "リンク先ドメイン "}, {"landing path ", "リンク先のパス "},
			{"origin IP ", "送信元 IP "}, {"Return-Path domain ", "Return-Path のドメイン "}, {"near-identical text", "ほぼ同じ本文"}},
		setKeyword: [2]string{"%[3]s の %[2]d 通の IMAP メッセージに %[1]s を付けます（--apply で実行）", "%[3]s の %[2]d 通の IMAP メッセージに %[1]s を付けました"},
		moveIMAP:   [2]string{"%[1]d 通の IMAP メッセージを %[2]s から %[3]s へ移します（--apply で実行）", "%[1]d 通の IMAP メッセージを %[2]s から %[3]s へ移しました"},
		moveFile:   [2]string{"%[1]s を %[2]s へ移します（--apply で実行）", "%[1]s を %[2]s へ移しました"},
	},
}

// wordsFor is the table of lang ("ja" or "en"); anything else is English.
func wordsFor(lang string) words {
	if w, ok := textWords[lang]; ok {
		return w
	}
	return textWords["en"]
}

// WriteResult prints one message of a scan on one line: its verdict,
// score, location and subject, or that it could not be read. lang is
// "ja" or "en".
func WriteResult(w io.Writer, r Result, lang string) {
	wd := wordsFor(lang)
	if r.Report == nil {
		fmt.Fprintf(w, "%s %s: %s\n", pad(wd.errLabel, 11), r.Loc, r.Err)
		return
	}
	v := wd.verdict[r.Report.Verdict]
	if v == "" {
		v = r.Report.Verdict
	}
	fmt.Fprintf(w, "%s %6g  %s  %s\n", pad(v, 10), r.Report.Score, r.Loc, r.Report.Message.Subject)
}

// pad fills s with spaces to width columns, counting a wide (CJK)
// character as two.
func pad(s string, width int) string {
	cols := 0
	for _, c := range s {
		cols++
		if utf8.RuneLen(c) >= 3 {
			cols++
		}
	}
	if cols >= width {
		return s
	}
	return s + strings.Repeat(" ", width-cols)
}

// translateShared puts a campaign's shared indicator into the language.
func (wd words) translateShared(s string) string {
	for _, p := range wd.sharedKey {
		if strings.HasPrefix(s, p[0]) {
			return p[1] + s[len(p[0]):]
		}
	}
	return s
}

// brandName is how the text output names a brand id: its name in lang
// from the built-in knowledge base, or the id when the base does not
// know it.
func brandName(id, lang string) string {
	b := kb.Default().Brand(id)
	switch {
	case b == nil:
		return id
	case lang == "en" || b.NameJA == "":
		return b.Name
	}
	return b.NameJA
}

// brandNames names each of ids (brandName).
func brandNames(ids []string, lang string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = brandName(id, lang)
	}
	return out
}
