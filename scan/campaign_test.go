package scan

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/kb"
)

// cardMail is a second campaign: another brand, another host, another
// text, sent from rotating addresses through one server.
func cardMail(n int) string {
	return fmt.Sprintf("Received: from mx.bulk-sender-%d.example (mx.bulk-sender-%d.example [198.51.100.23]) by mx1.example-corp.co.jp; Mon, 23 Nov 2026 11:00:00 +0900\r\n"+
		"From: \"三井住友カード\" <notice%d@card-info-%d.example>\r\nTo: user%d@example-corp.co.jp\r\n"+
		"Subject: 【三井住友カード】ご利用確認のお願い\r\nDate: Mon, 23 Nov 2026 11:%02d:00 +0900\r\nMessage-ID: <k%d@card-info.example>\r\n"+
		"Content-Type: text/plain; charset=UTF-8\r\n\r\nカードの不正利用の可能性があります。カード情報を入力してご確認ください。\r\nhttps://smbc-card-check-%d.example.top/verify\r\n",
		n, n, n, n, n, n, n, n)
}

// oddPhish shares nothing with either campaign.
const oddPhish = "From: \"PayPal\" <service@pp-alert.example>\r\nTo: hanako@example-corp.co.jp\r\nSubject: Your account is limited\r\n" +
	"Message-ID: <odd@pp-alert.example>\r\nContent-Type: text/plain\r\n\r\nDear customer, verify your account within 24 hours or it will be suspended.\r\n" +
	"http://198.18.0.77/paypal/login\r\n"

func TestCampaignGrouping(t *testing.T) {
	a, _ := mekiki.New(mekiki.Options{})
	var src sliceSource
	add := func(name, data string) {
		src = append(src, Item{Loc: Location{Kind: "file", Path: name}, Data: []byte(data)})
	}
	for i := range 4 {
		add(fmt.Sprintf("amazon-%d", i), phishMail(i, fmt.Sprintf("staff%d@example-corp.co.jp", i)))
		add(fmt.Sprintf("card-%d", i), cardMail(i))
		add(fmt.Sprintf("clean-%d", i), cleanMail(i))
	}
	add("odd", oddPhish)
	c := NewCampaigns(kb.Default())
	var verdicts []string
	Run(context.Background(), a, src, 2, func(r Result) { c.Add(r); verdicts = append(verdicts, r.Loc.Path+"="+r.Report.Verdict) })
	groups := c.Groups()
	if len(groups) != 2 {
		for _, g := range groups {
			t.Logf("group %v shared %v", g.Messages, g.Shared)
		}
		t.Fatalf("%d campaigns, want 2 (verdicts %v)", len(groups), verdicts)
	}
	want := map[string][]string{"amazon": {"amazon-0", "amazon-1", "amazon-2", "amazon-3"}, "card": {"card-0", "card-1", "card-2", "card-3"}}
	for _, g := range groups {
		var paths []string
		for _, l := range g.Messages {
			paths = append(paths, l.Path)
		}
		key := "amazon"
		if slices.Contains(paths, "card-0") {
			key = "card"
		}
		if !slices.Equal(paths, want[key]) {
			t.Errorf("%s campaign holds %v (shared %v)", key, paths, g.Shared)
		}
		if key == "amazon" && (len(g.Recipients) != 4 || g.First == "" || !slices.Contains(g.Brands, "amazon")) {
			t.Errorf("amazon campaign details %+v", g)
		}
		if len(g.Shared) == 0 {
			t.Errorf("%s campaign names no shared indicator", key)
		}
	}
}

func TestSimHashNearDuplicates(t *testing.T) {
	body := "お客様のアカウントで不審なログインが検出されました。24時間以内に以下のリンクから本人確認を行ってください。" +
		"確認が完了しない場合、アカウントのご利用を制限させていただきます。ご不便をおかけしますが、何卒ご理解ください。" +
		"本メールは送信専用のアドレスからお送りしています。ご返信いただいてもお答えできませんのでご了承ください。"
	long := body + body + body // a mail's length; a campaign's copies differ in a name and a number
	a := SimHash("山田様 " + long + " 注文番号 249-1234567")
	b := SimHash("佐藤様 " + long + " 注文番号 249-7654321")
	c := SimHash("明日の会議は10時からです。資料は共有フォルダにあります。よろしくお願いします。")
	if !SimilarText(a, b) {
		t.Errorf("near duplicates differ in %d bits", popcount(a^b))
	}
	if SimilarText(a, c) {
		t.Error("unrelated texts judged near-identical")
	}
	if SimHash("ab") != 0 || SimilarText(0, 0) {
		t.Error("empty text has a fingerprint")
	}
}

func popcount(x uint64) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}
