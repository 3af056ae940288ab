package web

import (
	"strings"
	"testing"

	"github.com/mekiki/mekiki/mail"
)

// confusingMarkup are the openings, reported in issue 16, that made the
// sanitiser drop the rest of a mail: a <style> opened in MathML (raw text
// to a tokenizer) and a <noscript> closed inside an attribute.
var confusingMarkup = []string{`<math><mtext><table><mglyph><style>`, `<noscript><p title="</noscript>`}

// lureText is what the hostile mails below say to the reader.
const lureText = "お客様のアカウントは停止されました。24時間以内に本人確認を行ってください。"

func confusingMail(prefix string) string {
	return "From: \"Amazon\" <info@amazon-notice.example.top>\r\nTo: a@example.jp\r\nSubject: confusing\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>" + prefix +
		"<p>" + lureText + "</p><p>Your account has been suspended; verify within 24 hours.</p></body></html>\r\n"
}

func TestPreviewSurvivesParserConfusion(t *testing.T) {
	for _, prefix := range confusingMarkup {
		m, err := mail.ParseBytes([]byte(confusingMail(prefix)), mail.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		out := Preview(m)
		text := visibleText(out)
		if !strings.Contains(text, lureText) || !strings.Contains(text, "verify within 24 hours") {
			t.Errorf("%s: the preview lacks the mail's text: %s", prefix, out)
		}
		for _, bad := range []string{"<style", "<math", "<noscript", "<mglyph", "title="} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: the preview keeps %q: %s", prefix, bad, out)
			}
		}
	}
}

func TestPreviewNoRescueForOrdinaryMail(t *testing.T) {
	for _, body := range []string{
		`<html><head><style><!-- p{color:#333} --></style><title>Order</title><script>var s = "<p>x</p>";</script></head>` +
			`<body><p>` + lureText + `</p><a href="https://www.amazon.co.jp/">Amazon</a></body></html>`,
		`<p>` + lureText + `</p><img src="https://example.jp/logo.png" alt="logo">`,
	} {
		src := "From: a@example.jp\r\nTo: b@example.jp\r\nSubject: s\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body + "\r\n"
		m, err := mail.ParseBytes([]byte(src), mail.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if out := Preview(m); strings.Contains(out, "rescued") || !strings.Contains(out, lureText) {
			t.Errorf("preview of an ordinary mail: %s", out)
		}
	}
}

func TestBodyTextReadsRawTextMarkup(t *testing.T) {
	got := bodyText(`<style>p{}</style><script>alert("<b>x</b>")</script><style><p>one</p><noscript>two</noscript></style><title>t</title><xmp>three</xmp>`, 0)
	if f := strings.Fields(got); strings.Join(f, " ") != "one two three" {
		t.Errorf("bodyText %q", got)
	}
}
