package check

import (
	"strings"
	"testing"

	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/kb"
	"github.com/mekiki/mekiki/mail"
)

// shapeIDs runs the shape and greeting checks on raw and returns the
// ids they raised.
func shapeIDs(t *testing.T, raw string) map[finding.ID]bool {
	t.Helper()
	m, err := mail.ParseBytes([]byte(strings.ReplaceAll(raw, "\n", "\r\n")), mail.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	in := &Input{Msg: m}
	if len(m.Received) > 0 {
		in.Origin = &m.Received[len(m.Received)-1]
	}
	out := map[finding.ID]bool{}
	for _, f := range append(shapeCheck.Run(in), greetingCheck.Run(in)...) {
		out[f.ID] = true
	}
	return out
}

const alternative = `From: a@example.co.jp
To: %TO%
Subject: %SUBJECT%
%XMAILER%Content-Type: multipart/alternative; boundary=b

--b
Content-Type: text/plain; charset=utf-8

%TEXT%
--b
Content-Type: text/html; charset=utf-8

<html><body><p>%HTML%</p></body></html>
--b--
`

func shaped(to, subject, xmailer, text, html string) string {
	r := strings.NewReplacer("%TO%", to, "%SUBJECT%", subject, "%XMAILER%", xmailer, "%TEXT%", text, "%HTML%", html)
	return r.Replace(alternative)
}

const (
	newsText = "The garden club meets on Saturday in the community hall. Bring gloves, seeds and lunch; tea is provided by the committee."
	lureHTML = "Your mailbox has reached its storage limit. Sign in now to confirm your account or incoming messages will be deleted within 24 hours by the mail administrator team."
	jaText   = "いつもご利用いただきありがとうございます。\n12月の定例会は第2土曜日に公民館で開きます。\n軍手と種をお持ちください。"
	jaHTML   = "いつもご利用いただき<br>ありがとうございます。12月の定例会は第2土曜日に<b>公民館</b>で開きます。軍手と種をお持ちください。"
)

// TestShapeFires: each tell fires on the mail written to show it.
func TestShapeFires(t *testing.T) {
	cases := []struct {
		raw  string
		want finding.ID
	}{
		{shaped("a@example.jp", "news", "", newsText, lureHTML), finding.MailAlternativeMismatch},
		{shaped("a@example.jp", "news", "", "-", lureHTML+" "+newsText+" Our office hours are Monday to Friday from nine to five, closed on public holidays."), finding.MailAlternativeMismatch},
		{shaped("undisclosed-recipients:;", "news", "", newsText, newsText), finding.MailUndisclosedRecipients},
		{shaped("Undisclosed recipients: ;", "news", "", newsText, newsText), finding.MailUndisclosedRecipients},
		{shaped("a@example.jp", "Mailbox limit – action ✉", "", newsText, newsText), finding.MailRawSubject},
		{shaped("a@example.jp", "news", "X-Mailer: Microsoft Outlook 16.0\n", newsText, newsText), finding.MailForgedMailer},
		{shaped("a@example.jp", "news", "X-Mailer: Microsoft Office Outlook 12.0\n", newsText, newsText), finding.MailForgedMailer},
		{"From: a@example.co.jp\nTo: b@example.jp\nContent-Type: text/html\n\n<p>hello</p>\n", finding.MailHTMLOnly},
		{"Received: from 198.51.100.23 (unknown [198.51.100.23])\n\tby mx.example.jp (Postfix) with ESMTP id 1; Tue, 1 Dec 2026 09:00:00 +0900\n" +
			shaped("a@example.jp", "news", "", newsText, newsText), finding.OriginBareIPHelo},
	}
	for i, c := range cases {
		if got := shapeIDs(t, c.raw); !got[c.want] {
			t.Errorf("case %d: %s did not fire (%v)", i, c.want, got)
		}
	}
}

// TestShapeQuiet: honest mail of each kind stays quiet — no shape tell
// fires, in particular not mail.forged_mailer on real Outlook headers,
// mail.undisclosed_recipients on a named group, origin.bare_ip_helo on an
// address literal or a greeting in a comment.
func TestShapeQuiet(t *testing.T) {
	// Near misses of finding.MailForgedMailer, finding.MailUndisclosedRecipients
	// and finding.OriginBareIPHelo among them.
	cases := []string{
		// The same words in both versions, English and Japanese (line
		// breaks and tags in other places).
		shaped("a@example.jp", "news", "", newsText, newsText),
		shaped("a@example.jp", "=?UTF-8?B?5a6a5L6L5Lya?=", "", jaText, jaHTML),
		// Outlook with its Thread-Index; Outlook 2003 and Express, which
		// write none.
		shaped("a@example.jp", "news", "X-Mailer: Microsoft Outlook 16.0\nThread-Index: AdnDq1b2\n", newsText, newsText),
		shaped("a@example.jp", "news", "X-Mailer: Microsoft Outlook, Build 10.0.2627\n", newsText, newsText),
		shaped("a@example.jp", "news", "X-Mailer: Microsoft Outlook Express 6.00.2900.5512\n", newsText, newsText),
		// A named group with members; a list address.
		shaped("staff: a@example.jp, b@example.jp;", "news", "", newsText, newsText),
		// A bracketed address literal, an Exim greeting in a comment.
		"Received: from [198.51.100.23] (unknown [198.51.100.23])\n\tby mx.example.jp (Postfix) with ESMTP id 1; Tue, 1 Dec 2026 09:00:00 +0900\n" +
			shaped("a@example.jp", "news", "", newsText, newsText),
		"Received: from mail.example.org ([198.51.100.23] helo=mail.example.org)\n\tby mx.example.jp with esmtps id 1; Tue, 1 Dec 2026 09:00:00 +0900\n" +
			shaped("a@example.jp", "news", "", newsText, newsText),
	}
	for i, raw := range cases {
		if got := shapeIDs(t, raw); len(got) != 0 {
			t.Errorf("case %d: %v fired", i, got)
		}
	}
	// Plain text alone is not "HTML only".
	if got := shapeIDs(t, "From: a@example.co.jp\nTo: b@example.jp\n\nhello\n"); len(got) != 0 {
		t.Errorf("plain text: %v", got)
	}
}

// TestVerdictNeedsASign: a score over the phishing threshold without a
// sign of phishing is suspicious; with one it is phishing.
func TestVerdictNeedsASign(t *testing.T) {
	k := kb.Default()
	high := k.Thresholds.Phishing + 1
	junk := []Finding{{ID: finding.SenderHeaderMismatch, Severity: High}, {ID: finding.AuthDMARCFail, Severity: High}}
	if v := Verdict(k, high, junk); v != "suspicious" {
		t.Errorf("unsigned: %s", v)
	}
	if v := Verdict(k, high, append(junk, Finding{ID: finding.ContentLureAction, Severity: Low})); v != "phishing" {
		t.Errorf("signed: %s", v)
	}
	if v := Verdict(k, 0, junk); v != "clean" {
		t.Errorf("score 0: %s", v)
	}
}

// TestVerdictStrongSignIsSuspicious: one sign at high is suspicious
// below the suspicious threshold; a low one is not.
func TestVerdictStrongSignIsSuspicious(t *testing.T) {
	k := kb.Default()
	if v := Verdict(k, 0.5, []Finding{{ID: finding.AttachmentMacroDocument, Severity: High}}); v != "suspicious" {
		t.Errorf("a high sign: %s", v)
	}
	if v := Verdict(k, 0.5, []Finding{{ID: finding.ContentUrgency, Severity: Low}}); v != "clean" {
		t.Errorf("a low sign: %s", v)
	}
}
