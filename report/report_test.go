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
		"[高 +6] ブランドを名乗るが送信ドメインが違う", "http://amaz0n-co-jp.verify-account.top/signin"} {
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
	if !strings.Contains(b.String(), "問題は見つかりません") {
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
