package mekiki

import (
	"bytes"
	"context"
	"encoding/base64"
	"runtime"
	"strings"
	"testing"

	"github.com/mekiki/mekiki/internal/bomb"
	"github.com/mekiki/mekiki/mail"
)

// bombMail is a mail carrying a zip whose one entry inflates to 10 GiB.
func bombMail(t *testing.T, declared uint64) []byte {
	t.Helper()
	z, err := bomb.Zip("請求書.pdf", bomb.DeflatedZeros([]byte("%PDF-1.7\n"), 10<<30), declared)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString("From: billing@example.net\r\nTo: hanako@example-corp.co.jp\r\nSubject: invoice\r\n" +
		"Message-ID: <bomb@example.net>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
		"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease see the attachment.\r\n" +
		"--b\r\nContent-Type: application/zip; name=invoice.zip\r\nContent-Disposition: attachment; filename=invoice.zip\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString(z)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n--b--\r\n")
	return b.Bytes()
}

// TestAnalyzeZipBomb: a whole message with a 10 GiB zip bomb is analysed,
// the attachment reported with a notice, and the work stays bounded.
func TestAnalyzeZipBomb(t *testing.T) {
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, declared := range []uint64{10 << 30, 3 << 20} {
		raw := bombMail(t, declared)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		rep, err := a.Analyze(context.Background(), bytes.NewReader(raw))
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("declared %d: mail %d bytes, %d bytes allocated", declared, len(raw), alloc)
		if len(rep.Attachments) != 1 || len(rep.Attachments[0].Notices) == 0 ||
			!strings.Contains(strings.Join(rep.Attachments[0].Notices, " "), "decompression bomb") {
			t.Errorf("declared %d: attachment report %+v", declared, rep.Attachments)
		}
		// The mail itself is 14 MB of base64; parsing it costs a few
		// copies. The bomb may add at most the nested-document limit.
		if limit := uint64(10*len(raw)) + 48<<20; alloc > limit {
			t.Errorf("declared %d: %d bytes allocated, limit %d", declared, alloc, limit)
		}
	}
}

// TestAttachmentLinkTexts: an HTML attachment's links keep every text
// shown over one URL, also when the body links to the same URL, and its
// images are listed as images.
func TestAttachmentLinkTexts(t *testing.T) {
	page := `<html><body><a href="https://login.example-phish.top/a">Amazon</a> ` +
		`<a href="https://login.example-phish.top/a">https://www.amazon.co.jp/</a>` +
		`<img src="https://cdn.example-phish.top/logo.png"></body></html>`
	raw := "From: a@example.net\r\nTo: b@example.jp\r\nSubject: s\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=b\r\n\r\n" +
		"--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<a href=\"https://login.example-phish.top/a\">ログイン</a>\r\n" +
		"--b\r\nContent-Type: text/html; name=form.html\r\nContent-Disposition: attachment; filename=form.html\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n" + base64.StdEncoding.EncodeToString([]byte(page)) + "\r\n--b--\r\n"
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := mail.ParseBytes([]byte(raw), mail.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	_, mm := a.inspectAttachments(context.Background(), m)
	var texts []string
	image := false
	for _, l := range mm.Links {
		switch l.Href {
		case "https://login.example-phish.top/a":
			texts = append([]string{l.Text}, l.Texts...)
		case "https://cdn.example-phish.top/logo.png":
			image = l.Source == "img" && l.Part == 1
		}
	}
	if strings.Join(texts, "|") != "ログイン|Amazon|https://www.amazon.co.jp/" {
		t.Errorf("texts of the shared URL %q", texts)
	}
	if !image {
		t.Errorf("the attachment's image is not listed as one: %+v", mm.Links)
	}
	for _, l := range m.Links {
		if len(l.Texts) > 0 {
			t.Errorf("the parsed message was changed: %+v", l)
		}
	}
}

// TestLinkWrapper: a link rewritten by a known service names it, with
// the target when the link carries one and without when it is a token.
func TestLinkWrapper(t *testing.T) {
	raw := "From: a@example.net\r\nTo: b@example.jp\r\nSubject: s\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
		`<a href="https://protect-eu.mimecast.com/s/AbCdEfGhIjKlMn?domain=example.com">link</a>` +
		`<a href="https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.org%2Fx&amp;data=05">safe</a>` + "\r\n"
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.Analyze(context.Background(), strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]string{}
	for _, l := range rep.Links {
		got[l.Domain] = [2]string{l.Wrapper, l.Target}
	}
	if w := got["protect-eu.mimecast.com"]; w[0] == "" || w[1] != "" {
		t.Errorf("Mimecast link: wrapper %q, target %q", w[0], w[1])
	}
	if w := got["nam02.safelinks.protection.outlook.com"]; w[0] == "" || w[1] != "https://example.org/x" {
		t.Errorf("Safe Links link: wrapper %q, target %q", w[0], w[1])
	}
}
