package scan

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mekiki/mekiki"
)

// phishMail is a phishing mail the team wrote: an Amazon claim from a
// stranger's domain, a link to a lookalike host. n varies the details the
// way a campaign's copies vary.
func phishMail(n int, to string) string {
	return fmt.Sprintf("From: \"Amazon.co.jp\" <info-%d@amaz0n-support.example-verify.top>\r\nTo: %s\r\n"+
		"Subject: 【Amazon】アカウントの確認が必要です (%d)\r\nDate: Mon, 23 Nov 2026 10:%02d:00 +0900\r\n"+
		"Message-ID: <c%d@example-verify.top>\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"+
		"<p>お客様</p><p>お客様のアカウントで不審なログインが検出されました。24時間以内に本人確認を行ってください。"+
		"確認が完了しない場合、アカウントは停止されます。</p><p><a href=\"http://amaz0n-co-jp.example-verify.top/signin/%x\">今すぐ確認</a></p>\r\n",
		n, to, n, n, n, 0xbeef00+n)
}

func cleanMail(n int) string {
	return fmt.Sprintf("From: Taro <taro@example-corp.co.jp>\r\nTo: hanako@example-corp.co.jp\r\nSubject: 会議 %d\r\n"+
		"Message-ID: <m%d@example-corp.co.jp>\r\n\r\n明日の会議は%d時からです。よろしくお願いします。\r\n", n, n, 10+n%5)
}

type sliceSource []Item

func (s sliceSource) Each(ctx context.Context, fn func(Item) error) error {
	for _, it := range s {
		if err := fn(it); err != nil {
			return err
		}
	}
	return nil
}

func TestRunKeepsOrderAndCounts(t *testing.T) {
	a, _ := mekiki.New(mekiki.Options{})
	var src sliceSource
	for i := range 60 {
		data := cleanMail(i)
		if i%3 == 0 {
			data = phishMail(i, "hanako@example-corp.co.jp")
		}
		src = append(src, Item{Loc: Location{Kind: "file", Path: fmt.Sprint(i)}, Data: []byte(data)})
	}
	src = append(src, Item{Loc: Location{Kind: "file", Path: "empty"}, Data: nil})
	sum := NewSummary()
	var order []string
	if err := Run(context.Background(), a, src, 4, func(r Result) { order = append(order, r.Loc.Path); sum.Add(r) }); err != nil {
		t.Fatal(err)
	}
	for i, p := range order[:60] {
		if p != fmt.Sprint(i) {
			t.Fatalf("result %d is %s: order not kept", i, p)
		}
	}
	if sum.Messages != 61 || sum.Errors != 1 || sum.Verdicts["phishing"] != 20 || sum.Verdicts["clean"] != 40 {
		t.Errorf("summary %+v", sum)
	}
	if sum.Brands["amazon"] != 20 || sum.Domains["example-verify.top"] != 20 {
		t.Errorf("tallies: brands %v domains %v", sum.Brands, sum.Domains)
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	a, _ := mekiki.New(mekiki.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	var src sliceSource
	for i := range 1000 {
		src = append(src, Item{Loc: Location{Kind: "file", Path: fmt.Sprint(i)}, Data: []byte(cleanMail(i))})
	}
	n := 0
	err := Run(ctx, a, src, 2, func(Result) {
		n++
		if n == 10 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || n >= 1000 {
		t.Errorf("after cancel: %v, %d results", err, n)
	}
}

func TestPathsLocations(t *testing.T) {
	dir := t.TempDir()
	mbox := "From a@b Mon Nov 23 10:00:00 2026\n" + strings.ReplaceAll(cleanMail(1), "\r\n", "\n") + "\nFrom a@b Mon Nov 23 10:00:00 2026\n" +
		strings.ReplaceAll(cleanMail(2), "\r\n", "\n")
	os.WriteFile(filepath.Join(dir, "box.mbox"), []byte(mbox), 0o644)
	md := filepath.Join(dir, "Maildir")
	for _, d := range []string{"cur", "new", "tmp"} {
		os.MkdirAll(filepath.Join(md, d), 0o755)
	}
	os.WriteFile(filepath.Join(md, "cur", "1700000000.1.host:2,S"), []byte(cleanMail(3)), 0o644)
	var locs []Location
	Paths{dir}.Each(context.Background(), func(it Item) error { locs = append(locs, it.Loc); return nil })
	if len(locs) != 3 {
		t.Fatalf("%d messages: %+v", len(locs), locs)
	}
	if l := locs[0]; l.Kind != "maildir" || l.Key != "1700000000.1.host" || l.Flags != "S" || l.Maildir != md {
		t.Errorf("maildir location %+v", l)
	}
	if l := locs[2]; l.Kind != "mbox" || l.Index != 1 || l.Offset == 0 {
		t.Errorf("mbox location %+v", l)
	}
}

func TestMaildirMoveIsDryRunUnlessApplied(t *testing.T) {
	a, _ := mekiki.New(mekiki.Options{})
	md := filepath.Join(t.TempDir(), "Maildir")
	for _, d := range []string{"cur", "new", "tmp"} {
		os.MkdirAll(filepath.Join(md, d), 0o755)
	}
	phish := filepath.Join(md, "new", "1700000001.2.host")
	os.WriteFile(phish, []byte(phishMail(1, "hanako@example-corp.co.jp")), 0o644)
	os.WriteFile(filepath.Join(md, "cur", "1700000002.3.host:2,S"), []byte(cleanMail(1)), 0o644)
	for _, apply := range []bool{false, true} {
		act := &Actions{MoveTo: "Junk", On: "phishing", Apply: apply}
		Run(context.Background(), a, Paths{md}, 2, act.Note)
		var out strings.Builder
		if err := act.Run(&out, nil); err != nil {
			t.Fatal(err)
		}
		moved := filepath.Join(md, ".Junk", "new", "1700000001.2.host")
		_, errSrc := os.Stat(phish)
		_, errDst := os.Stat(moved)
		if !apply && (errSrc != nil || errDst == nil || !strings.Contains(out.String(), "would move")) {
			t.Errorf("dry run changed the Maildir or said %q", out.String())
		}
		if apply && (errSrc == nil || errDst != nil) {
			t.Errorf("apply did not move the phishing mail: %q", out.String())
		}
	}
	if _, err := os.Stat(filepath.Join(md, "cur", "1700000002.3.host:2,S")); err != nil {
		t.Error("the clean mail moved")
	}
}
