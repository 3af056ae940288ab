package export

import (
	"bytes"
	"fmt"
	"mime"
	"mime/multipart"
	"net/textproto"
	"strings"
	"time"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/kb"
)

// CouncilAddress is where フィッシング対策協議会 (Council of Anti-Phishing
// Japan) takes reports of phishing mails, with the mail attached; from
// its page "フィッシングメールの報告" (antiphishing.jp; team's reading,
// 2026-11-24, not re-fetched here).
const CouncilAddress = "info@antiphishing.jp"

// CouncilReport builds the report mail: a short Japanese summary of what
// mekiki found, and the original attached whole as message/rfc822 (the
// council asks for the original with its headers). from is the
// reporter's address ("" leaves it for the mail program to fill).
func CouncilReport(rep *mekiki.Report, raw []byte, from string, now time.Time) []byte {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	var h bytes.Buffer
	if from != "" {
		fmt.Fprintf(&h, "From: %s\r\n", from)
	}
	fmt.Fprintf(&h, "To: %s\r\n", CouncilAddress)
	fmt.Fprintf(&h, "Subject: %s\r\n", mime.BEncoding.Encode("UTF-8", "フィッシングメールの報告: "+rep.Message.Subject))
	fmt.Fprintf(&h, "Date: %s\r\nMIME-Version: 1.0\r\n", now.Format(time.RFC1123Z))
	fmt.Fprintf(&h, "Content-Type: multipart/mixed; boundary=%q\r\n\r\n", mw.Boundary())

	tw, _ := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"text/plain; charset=UTF-8"}, "Content-Transfer-Encoding": {"8bit"}})
	tw.Write([]byte(councilSummary(rep)))
	aw, _ := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"message/rfc822"},
		"Content-Disposition": {`attachment; filename="original.eml"`}})
	aw.Write(raw)
	mw.Close()
	return append(h.Bytes(), body.Bytes()...)
}

func councilSummary(rep *mekiki.Report) string {
	var b strings.Builder
	b.WriteString("フィッシング対策協議会 御中\r\n\r\n以下のフィッシングと思われるメールを受信しましたので報告します。元のメールを添付します。\r\n\r\n")
	fmt.Fprintf(&b, "件名: %s\r\n", rep.Message.Subject)
	fmt.Fprintf(&b, "差出人: %s <%s>\r\n", rep.Message.From.Name, rep.Message.From.Address)
	if rep.Message.Date != "" {
		fmt.Fprintf(&b, "日時: %s\r\n", rep.Message.Date)
	}
	if len(rep.Brands) > 0 {
		names := make([]string, len(rep.Brands))
		for i, id := range rep.Brands {
			names[i] = brandNameJA(id)
		}
		fmt.Fprintf(&b, "なりすまされているブランド: %s\r\n", strings.Join(names, "、"))
	}
	if ip := rep.Message.Origin.IP; ip != "" {
		fmt.Fprintf(&b, "送信元 IP アドレス: %s %s\r\n", ip, rep.Message.Origin.Country)
	}
	if len(rep.IOCs.URLs) > 0 {
		b.WriteString("\r\nフィッシングサイトと思われる URL（アクセスしないでください）:\r\n")
		for _, u := range rep.IOCs.URLs {
			// Defanged so that no mail program turns it into a link.
			fmt.Fprintf(&b, "  %s\r\n", strings.NewReplacer("http", "hxxp", ".", "[.]").Replace(u))
		}
	}
	fmt.Fprintf(&b, "\r\nmekiki の判定: 「%s」（スコア %g）\r\n主な根拠:\r\n", verdictJA(rep.Verdict), rep.Score)
	n := 0
	for _, f := range rep.Findings {
		if f.Severity == "info" || n == 5 {
			continue
		}
		fmt.Fprintf(&b, "  - %s\r\n", f.DetailJA)
		n++
	}
	return b.String()
}

// verdictJA is a verdict as the Japanese text report words it.
func verdictJA(v string) string {
	switch v {
	case "phishing":
		return "フィッシング"
	case "suspicious":
		return "要注意"
	case "clean":
		return "問題なし"
	}
	return v
}

// brandNameJA is a brand's Japanese name from the knowledge base (its
// name when it has none; the id only for a brand the base does not know).
func brandNameJA(id string) string {
	b := kb.Default().Brand(id)
	switch {
	case b == nil:
		return id
	case b.NameJA != "":
		return b.NameJA
	case b.Name != "":
		return b.Name
	}
	return id
}
