package report_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/report"
)

func analyze(t *testing.T, file string) *mekiki.Report {
	t.Helper()
	raw, err := os.ReadFile("../testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := mekiki.New(mekiki.Options{})
	rep, err := a.Analyze(context.Background(), bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestTextReport(t *testing.T) {
	rep := analyze(t, "phish-iso2022jp-amazon.eml")
	var ja, en, col bytes.Buffer
	if err := report.Text(&ja, rep, report.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := report.Text(&en, rep, report.TextOptions{Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	_ = report.Text(&col, rep, report.TextOptions{Color: true})
	for _, want := range []string{"■ フィッシング", "件名: 【重要】Amazonアカウントの確認が必要です", "名乗っているブランド: Amazon（アマゾン）",
		"] ブランドを名乗るが送信ドメインが違う (sender.brand_mismatch)", "http://amaz0n-co-jp.verify-account.top/signin"} {
		if !strings.Contains(ja.String(), want) {
			t.Errorf("Japanese report lacks %q:\n%s", want, ja.String())
		}
	}
	for _, want := range []string{"■ PHISHING", "Claimed brands: Amazon", "Brand claimed from a foreign domain"} {
		if !strings.Contains(en.String(), want) {
			t.Errorf("English report lacks %q:\n%s", want, en.String())
		}
	}
	if strings.Contains(ja.String(), "\x1b[") || !strings.Contains(col.String(), "\x1b[31m") {
		t.Error("colour must appear only when asked for")
	}
}

func TestTextReportClean(t *testing.T) {
	var b bytes.Buffer
	_ = report.Text(&b, analyze(t, "legit-eucjp-mbox.eml"), report.TextOptions{})
	if !strings.Contains(b.String(), "決め手なし（安全の保証ではありません）") || !strings.Contains(b.String(), "安全を保証するものではありません") {
		t.Errorf("clean report:\n%s", b.String())
	}
}

func TestJSONKeepsCharacters(t *testing.T) {
	var b bytes.Buffer
	if err := report.JSON(&b, analyze(t, "phish-html-meta-charset.eml")); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), `\u0026`) || !strings.Contains(b.String(), "えきねっと") {
		t.Error("JSON must keep & and Japanese text as they are")
	}
}

func TestTextReportAttachments(t *testing.T) {
	rep := analyze(t, "attach-zip-script.eml")
	var ja, en bytes.Buffer
	_ = report.Text(&ja, rep, report.TextOptions{})
	_ = report.Text(&en, rep, report.TextOptions{Lang: "en"})
	for _, want := range []string{"添付ファイル (1)", "注文書.zip (application/zip", "注文書.zip/注文書.pdf.js (script)",
		"注文書.zip/inner.zip/見積書.lnk (shortcut)"} {
		if !strings.Contains(ja.String(), want) {
			t.Errorf("Japanese report lacks %q:\n%s", want, ja.String())
		}
	}
	rep = analyze(t, "attach-double-ext.eml")
	en.Reset()
	_ = report.Text(&en, rep, report.TextOptions{Lang: "en"})
	if !strings.Contains(en.String(), "really application/vnd.microsoft.portable-executable") {
		t.Errorf("English report does not show the real type:\n%s", en.String())
	}
}
