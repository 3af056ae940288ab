package report_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/report"
)

// rloMail is a mail whose attachment name, display name and subject
// hold a right-to-left override (U+202E): "invoice\u202Efdp.exe" reads
// "invoiceexe.pdf" on a terminal that plays it.
func rloMail() []byte {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	return []byte("From: =?UTF-8?B?" + b64("Billing\u202Etroppus") + "?= <billing@invoices.example>\r\n" +
		"To: hanako@example-corp.co.jp\r\n" +
		"Subject: =?UTF-8?B?" + b64("Invoice \u202Efdp.exe\x1b[2J") + "?=\r\n" +
		"Date: Mon, 2 Mar 2026 09:00:00 +0900\r\n" +
		"Message-ID: <rlo-1@invoices.example>\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" +
		"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease find the invoice attached.\r\n" +
		"--b\r\nContent-Type: application/octet-stream\r\n" +
		"Content-Disposition: attachment; filename*=UTF-8''invoice%E2%80%AEfdp.exe\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n" +
		base64.StdEncoding.EncodeToString(append([]byte("MZ"), make([]byte, 256)...)) + "\r\n--b--\r\n")
}

// The text report shows control and bidirectional characters of what the
// mail wrote escaped (⟨U+202E⟩), never raw, so the terminal shows the
// disguise instead of playing it (issue 20).
func TestTextReportShowsBidiEscaped(t *testing.T) {
	a, _ := mekiki.New(mekiki.Options{})
	rep, err := a.Analyze(context.Background(), bytes.NewReader(rloMail()))
	if err != nil {
		t.Fatal(err)
	}
	// The parser already drops invisible characters from names and
	// subjects (sender.hidden_characters); a report made elsewhere may
	// still hold them.
	rep.Message.From.Name = "Billing\u202Etroppus"
	rep.Message.Subject = "Invoice \u202Efdp.exe\x1b[2J"
	for _, lang := range []string{"ja", "en"} {
		var b bytes.Buffer
		if err := report.Text(&b, rep, report.TextOptions{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.ContainsAny(out, "\u202E\x1b") {
			t.Errorf("%s: the report holds a raw U+202E or escape:\n%s", lang, out)
		}
		for _, want := range []string{"invoice⟨U+202E⟩fdp.exe", "Billing⟨U+202E⟩troppus", "Invoice ⟨U+202E⟩fdp.exe⟨U+001B⟩[2J"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: the report does not show %q:\n%s", lang, want, out)
			}
		}
	}
	for _, f := range rep.Findings {
		if strings.ContainsRune(f.DetailJA+f.DetailEN, '\u202E') {
			t.Errorf("%s: a detail sentence holds a raw U+202E: %s / %s", f.ID, f.DetailJA, f.DetailEN)
		}
	}
}
