package show

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/mekiki/mekiki/mail"
)

func read(t *testing.T, raw string) *View {
	t.Helper()
	v, err := Read(context.Background(), strings.NewReader(raw), mail.Limits{}, nil)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return v
}

// zipOf is a zip archive holding one file.
func zipOf(t *testing.T, name, body string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	f, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte(body))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sampleMail is a mail with an encoded subject and name, a plain and an
// HTML alternative (with hidden text and a Safe Links link) and a zip
// declared as a PDF.
func sampleMail(t *testing.T, zipData []byte) string {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	return "From: =?UTF-8?B?" + b64("アマゾン サポート") + "?= <support@shop.example.net>\r\n" +
		"To: hanako@example.co.jp\r\n" +
		"Subject: =?UTF-8?B?" + b64("お支払い方法の確認") + "?=\r\n" +
		"X-Note: =?UTF-8?Q?=E7=A2=BA=E8=AA=8D?=\r\n" +
		"Date: Tue, 24 Nov 2026 11:00:00 +0900\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n" +
		"--outer\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n" +
		"--alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		b64("ご注文の確認をお願いします。\n") + "\r\n" +
		"--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
		"<p>ご注文の確認をお願いします。</p><div style=\"display:none\">隠された言葉</div>" +
		"<a href=\"https://apc01.safelinks.protection.outlook.com/?url=https%3A%2F%2Famazon-verify.example.top%2Flogin&data=x\">確認する</a>\r\n" +
		"--alt--\r\n" +
		"--outer\r\nContent-Type: application/pdf; name=\"invoice.pdf\"\r\nContent-Disposition: attachment; filename=\"invoice.pdf\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n" + base64.StdEncoding.EncodeToString(zipData) + "\r\n" +
		"--outer--\r\n"
}

func TestViewDecodesHeadersPartsLinksAttachments(t *testing.T) {
	zipData := zipOf(t, "run.js", "WScript.Echo(1)")
	v := read(t, sampleMail(t, zipData))
	if v.Subject != "お支払い方法の確認" || v.From.Name != "アマゾン サポート" || v.From.Address != "support@shop.example.net" {
		t.Errorf("subject %q, from %+v", v.Subject, v.From)
	}
	headers := map[string]string{}
	for _, h := range v.Headers {
		headers[h.Name] = h.Value
	}
	if headers["Subject"] != "お支払い方法の確認" || headers["X-Note"] != "確認" || !strings.HasPrefix(headers["From"], "アマゾン サポート") {
		t.Errorf("headers not decoded: %q", headers)
	}
	if len(v.Parts) != 3 {
		t.Fatalf("parts = %+v", v.Parts)
	}
	plain, html, pdf := v.Parts[0], v.Parts[1], v.Parts[2]
	if plain.Type != "text/plain" || plain.Charset != "utf-8" || plain.Encoding != "base64" || !plain.Alternative || !strings.Contains(plain.Text, "ご注文の確認") {
		t.Errorf("plain part = %+v", plain)
	}
	if html.Type != "text/html" || !strings.Contains(html.Text, "ご注文の確認") || strings.Contains(html.Text, "隠された言葉") || !strings.Contains(html.Hidden, "隠された言葉") {
		t.Errorf("html part = %+v", html)
	}
	if !pdf.Attachment || pdf.Name != "invoice.pdf" || pdf.Size != len(zipData) {
		t.Errorf("attachment part = %+v", pdf)
	}
	if strings.TrimSpace(v.Text) != "ご注文の確認をお願いします。" {
		t.Errorf("text = %q; want the text/plain part", v.Text)
	}
	if len(v.Links) != 1 {
		t.Fatalf("links = %+v", v.Links)
	}
	if l := v.Links[0]; l.Text != "確認する" || !strings.Contains(l.Href, "safelinks.protection.outlook.com") ||
		l.Destination != "https://amazon-verify.example.top/login" || l.Wrapper != "gateway" || l.Domain != "example.top" {
		t.Errorf("link = %+v", l)
	}
	sum := sha256.Sum256(zipData)
	if len(v.Attachments) != 1 {
		t.Fatalf("attachments = %+v", v.Attachments)
	}
	a := v.Attachments[0]
	if a.Name != "invoice.pdf" || a.DeclaredType != "application/pdf" || a.RealType != "application/zip" || a.SHA256 != hex.EncodeToString(sum[:]) || a.Part != 2 {
		t.Errorf("attachment = %+v", a)
	}
	if len(a.Entries) != 1 || a.Entries[0].Kind != "script" {
		t.Errorf("zip entries = %+v", a.Entries)
	}
}

func TestViewTextOfHTMLOnlyMail(t *testing.T) {
	v := read(t, "From: a@example.co.jp\nSubject: x\nContent-Type: text/html; charset=utf-8\n\n<p>見える文字</p><span style=\"font-size:0\">見えない文字</span>\n")
	if strings.TrimSpace(v.Text) != "見える文字" {
		t.Errorf("text = %q; want the HTML's visible text", v.Text)
	}
	var out bytes.Buffer
	Text(&out, v, "ja")
	hidden := strings.Index(out.String(), "▼ 隠された文字")
	if hidden < 0 || !strings.Contains(out.String()[hidden:], "見えない文字") {
		t.Errorf("hidden text not marked:\n%s", out.String())
	}
}

// TestJSONFieldNames: the names a conformance test and a script read.
func TestJSONFieldNames(t *testing.T) {
	v := read(t, sampleMail(t, zipOf(t, "a.txt", "x")))
	var out bytes.Buffer
	if err := JSON(&out, v); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Subject string `json:"subject"`
		From    struct {
			Name    string `json:"name"`
			Address string `json:"address"`
		} `json:"from"`
		Headers []struct{ Name, Value string } `json:"headers"`
		Parts   []struct {
			Type, Charset, Text, Encoding string
			Size                          int
		} `json:"parts"`
		Text  string `json:"text"`
		Links []struct {
			Text, Href, Destination string
		} `json:"links"`
		Attachments []struct {
			Name, SHA256 string
			RealType     string `json:"real_type"`
		} `json:"attachments"`
		Notices []mail.Notice `json:"notices"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if got.Subject != v.Subject || got.From.Name != v.From.Name || got.From.Address != v.From.Address || len(got.Headers) == 0 ||
		len(got.Parts) != 3 || got.Parts[0].Type != "text/plain" || got.Parts[0].Charset != "utf-8" || got.Parts[0].Text == "" ||
		got.Text == "" || len(got.Links) != 1 || got.Links[0].Destination == "" || len(got.Attachments) != 1 ||
		got.Attachments[0].Name != "invoice.pdf" || len(got.Attachments[0].SHA256) != 64 || got.Attachments[0].RealType == "" || got.Notices == nil {
		t.Errorf("JSON = %s", out.String())
	}
	if strings.Contains(out.String(), `\u003c`) {
		t.Error("JSON escapes < as \\u003c; the text should read as the mail did")
	}
}

// TestControlCharactersMadeVisible: a right-to-left override or an escape
// sequence from the mail never reaches the terminal raw, in either form,
// and the JSON still carries the character itself.
func TestControlCharactersMadeVisible(t *testing.T) {
	raw := "From: \"Support\u202e\" <a@example.co.jp>\nSubject: invoice\u202etxt.exe\nContent-Type: text/plain; charset=utf-8\n\n" +
		"line one\x1b[2J\x1b]0;owned\x07\rline\u200btwo\n"
	v := read(t, raw)
	var text, js bytes.Buffer
	Text(&text, v, "en")
	JSON(&js, v)
	for name, out := range map[string]string{"text": text.String(), "json": js.String()} {
		if strings.ContainsAny(out, "\u202e\u200b\x1b\x07\r") {
			t.Errorf("%s output holds a raw control character: %q", name, out)
		}
	}
	for _, want := range []string{"[U+202E]", "[U+001B][2J", "[U+0007]", "[U+000D]", "[U+200B]"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text output lacks %s:\n%s", want, text.String())
		}
	}
	var back View
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || !strings.Contains(back.Parts[0].Text, "\x1b[2J") {
		t.Errorf("JSON does not carry the text itself: %v %q", err, back.Parts[0].Text)
	}
	if got := Visible("tag\U000E0041"); got != "tag[U+E0041]" {
		t.Errorf("Visible(tag character) = %q", got)
	}
	if got := string(escapeHidden([]byte(`"a` + "\U000E0041" + `"`))); got != `"a\udb40\udc41"` {
		t.Errorf("escapeHidden(tag character) = %s", got)
	}
}

// TestHostileMailStaysSmall: a mail built to flood the view (huge text,
// thousands of links, a megabyte header, thousands of header fields)
// gives a view within its bounds, each cut counted.
func TestHostileMailStaysSmall(t *testing.T) {
	var b strings.Builder
	b.WriteString("From: a@example.co.jp\nSubject: flood\nX-Long: " + strings.Repeat("あ", 1<<20/3) + "\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "X-Pad-%d: v\n", i)
	}
	b.WriteString("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n")
	b.WriteString(strings.Repeat("本文の洪水 ", 200_000) + "\n--b\nContent-Type: text/html\n\n")
	for i := range 5000 {
		fmt.Fprintf(&b, `<a href="https://host%d.example.com/%s">%s</a>`, i, strings.Repeat("p", 3000), strings.Repeat("t", 1000))
	}
	b.WriteString("\n--b--\n")
	v := read(t, b.String())
	if v.HeadersOmitted == 0 || len(v.Headers) > MaxHeaders {
		t.Errorf("%d headers shown, %d omitted", len(v.Headers), v.HeadersOmitted)
	}
	for _, h := range v.Headers {
		if len(h.Value) > MaxHeaderValue {
			t.Errorf("header %s: %d bytes", h.Name, len(h.Value))
		}
		if h.Name == "X-Long" && !h.Cut {
			t.Error("the long header is not marked as cut")
		}
	}
	if p := v.Parts[0]; len(p.Text) > MaxPartText || p.TextOmitted == 0 {
		t.Errorf("part text %d bytes, %d omitted", len(p.Text), p.TextOmitted)
	}
	if len(v.Text) > MaxText || len(v.Links) > MaxLinks || v.LinksOmitted == 0 {
		t.Errorf("text %d bytes, %d links, %d omitted", len(v.Text), len(v.Links), v.LinksOmitted)
	}
	for _, l := range v.Links {
		if len(l.Href) > MaxURL+len("…") || len(l.Text) > MaxLinkText+len("…") {
			t.Fatalf("link not clipped: %d/%d bytes", len(l.Href), len(l.Text))
		}
	}
	var js, text bytes.Buffer
	JSON(&js, v)
	Text(&text, v, "ja")
	if js.Len() > 8<<20 || text.Len() > 8<<20 {
		t.Errorf("view of %d bytes: %d bytes of JSON, %d of text", len(b.String()), js.Len(), text.Len())
	}
	if !strings.Contains(text.String(), "表示していません") {
		t.Error("the text view does not say what it left out")
	}
}

func TestReadRefusesWhatIsNotMail(t *testing.T) {
	for _, raw := range []string{"", "just some words\nand more\n"} {
		if _, err := Read(context.Background(), strings.NewReader(raw), mail.Limits{}, nil); err == nil {
			t.Errorf("Read(%q) gave a view", raw)
		}
	}
}
