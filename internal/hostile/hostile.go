// Package hostile builds, in memory, the mails a hostile sender writes to
// stall, blind or exhaust a mail analyser: text that repeats a brand name
// a million times, HTML with hundreds of thousands of links, a link host
// of a million labels, zips of zips, a display name with a NUL inside.
// Tests and benchmarks replay them; nothing here is written to disk.
package hostile

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
)

// head is the header block every hostile mail shares: a stranger's
// domain that calls itself Amazon.
const head = "From: \"Amazon.co.jp\" <info@amazon-notice.example.top>\r\n" +
	"To: victim@example.co.jp\r\n" +
	"Subject: Amazon account\r\n" +
	"Message-ID: <hostile@amazon-notice.example.top>\r\n" +
	"Date: Tue, 1 Dec 2026 10:00:00 +0900\r\n" +
	"MIME-Version: 1.0\r\n"

// BrandRepeat is a plain-text mail whose body is "Amazon " n times
// (n = 1,000,000 gives 7 MB).
func BrandRepeat(n int) []byte {
	var b bytes.Buffer
	b.WriteString(head)
	b.WriteString("Content-Type: text/plain; charset=us-ascii\r\n\r\n")
	line := strings.Repeat("Amazon ", 10) + "\r\n"
	for i := 0; i < n/10; i++ {
		b.WriteString(line)
	}
	return b.Bytes()
}

// ContextNames is a plain-text mail whose body repeats the given
// ambiguous brand names (DB, BB, Ledger …) each beside no context, n
// times over: every name hit asks whether its brand's context is there.
func ContextNames(names []string, n int) []byte {
	var b bytes.Buffer
	b.WriteString(head)
	b.WriteString("Content-Type: text/plain; charset=utf-8\r\n\r\n")
	line := strings.Join(names, " x ") + "\r\n"
	for i := 0; i < n; i++ {
		b.WriteString(line)
	}
	return b.Bytes()
}

// BrandLinks is an HTML mail of n links whose text names a brand and
// whose hrefs all differ.
func BrandLinks(n int) []byte {
	var b bytes.Buffer
	b.WriteString(head)
	b.WriteString("Content-Type: text/html; charset=us-ascii\r\n\r\n<html><body>\r\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "<a href=\"http://x%d.example.top/login\">Amazon</a>\r\n", i)
	}
	b.WriteString("</body></html>\r\n")
	return b.Bytes()
}

// TextLinks is a plain-text mail of n distinct bare URLs, one a line.
func TextLinks(n int) []byte {
	var b bytes.Buffer
	b.WriteString(head)
	b.WriteString("Content-Type: text/plain; charset=us-ascii\r\n\r\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "http://h%d.example.top/\r\n", i)
	}
	return b.Bytes()
}

// LongHost is a mail with one link whose host is "a." repeated labels
// times before "com" (1,000,000 labels give a 2 MB host).
func LongHost(labels int) []byte {
	var b bytes.Buffer
	b.WriteString(head)
	b.WriteString("Content-Type: text/plain; charset=us-ascii\r\n\r\nSign in: http://")
	b.WriteString(strings.Repeat("a.", labels))
	b.WriteString("com/signin\r\n")
	return b.Bytes()
}

// URLTail is a mail with one bare URL followed by n closing brackets.
func URLTail(n int) []byte {
	return []byte(head + "Content-Type: text/plain; charset=us-ascii\r\n\r\nSign in: http://amazon.example.top/signin" +
		strings.Repeat(")", n) + "\r\n")
}

// NestedZip is a zip of outer zips, each holding inner small text
// entries, the outer ones deflated; 1,000 × 1,000 is about 8 MB.
func NestedZip(outer, inner int) []byte {
	var in bytes.Buffer
	zw := zip.NewWriter(&in)
	for i := 0; i < inner; i++ {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("f%d.txt", i), Method: zip.Store})
		w.Write([]byte("x"))
	}
	zw.Close()
	var out bytes.Buffer
	zw = zip.NewWriter(&out)
	for i := 0; i < outer; i++ {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("z%d.zip", i), Method: zip.Deflate})
		w.Write(in.Bytes())
	}
	zw.Close()
	return out.Bytes()
}

// HTMLAttachment is an HTML page of n distinct links, to be attached.
func HTMLAttachment(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<html><body>")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "<a href=\"https://p%d.example.top/\">Sign in</a>", i)
	}
	b.WriteString("</body></html>")
	return b.Bytes()
}

// ZipMail is a mail that carries each archive as a base64 attachment.
func ZipMail(archives ...[]byte) []byte {
	return AttachmentMail("application/zip", "invoice%d.zip", archives...)
}

// AttachmentMail is a mail that carries each file as a base64 attachment
// of the given type, named by the pattern and its index.
func AttachmentMail(ctype, namePattern string, files ...[]byte) []byte {
	var b bytes.Buffer
	b.WriteString(head)
	b.WriteString("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n")
	b.WriteString("--b\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nPlease open the invoice.\r\n")
	for i, a := range files {
		name := fmt.Sprintf(namePattern, i)
		fmt.Fprintf(&b, "--b\r\nContent-Type: %s\r\nContent-Disposition: attachment; filename=\"%s\"\r\nContent-Transfer-Encoding: base64\r\n\r\n", ctype, name)
		enc := base64.StdEncoding.EncodeToString(a)
		for len(enc) > 76 {
			b.WriteString(enc[:76])
			b.WriteString("\r\n")
			enc = enc[76:]
		}
		b.WriteString(enc)
		b.WriteString("\r\n")
	}
	b.WriteString("--b--\r\n")
	return b.Bytes()
}

// ControlInName is a brand-impersonation mail whose display name has a
// control character (a NUL, say) inside the brand name: "Ama\x00zon".
func ControlInName(c byte) []byte {
	h := strings.Replace(head, "\"Amazon.co.jp\"", "\"Ama"+string(c)+"zon.co.jp\"", 1)
	return []byte(h + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" +
		"Your account is locked. Sign in within 24 hours: http://amazon.example.top/signin\r\n")
}
