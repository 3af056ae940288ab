package attach

import (
	"archive/zip"
	"slices"
	"strings"
	"testing"

	"github.com/mekiki/mekiki/kb"
)

func inspect(name, claimed string, data []byte) Info {
	return Inspect(name, claimed, data, kb.Default(), Limits{})
}

func entryKinds(info Info) map[string]string {
	m := map[string]string{}
	for _, e := range info.Entries {
		m[e.Path] = e.Kind
	}
	return m
}

func hasNotice(info Info, part string) bool {
	return slices.ContainsFunc(info.Notices, func(n string) bool { return strings.Contains(n, part) })
}

func TestRealTypeByMagicBytes(t *testing.T) {
	cases := []struct {
		name, claimed string
		data          []byte
		kind, typ     string
	}{
		{"請求書.pdf", "application/pdf", fakePE, KindExecutable, "application/vnd.microsoft.portable-executable"},
		{"photo.jpg", "image/jpeg", fakeLNK, KindShortcut, "application/x-ms-shortcut"},
		{"資料.zip", "application/zip", fakeISO, KindDiskImage, "application/x-iso9660-image"},
		{"notes.txt", "text/plain", []byte("plain words, nothing else\n"), KindOther, "text/plain"},
		{"run.js", "text/plain", []byte("var a = 1;\n"), KindScript, ""},
		{"order.html", "text/html", []byte("<html><body><p>hi</p></body></html>"), KindHTML, "text/html"},
	}
	for _, c := range cases {
		info := inspect(c.name, c.claimed, c.data)
		if info.Kind != c.kind || c.typ != "" && info.Type != c.typ {
			t.Errorf("%s: kind %q type %q, want %q %q", c.name, info.Kind, info.Type, c.kind, c.typ)
		}
	}
}

func TestNameTricks(t *testing.T) {
	info := inspect("請求書.pdf.exe", "application/pdf", fakePE)
	if info.DoubleExt != "pdf.exe" {
		t.Errorf("double extension %q, want pdf.exe", info.DoubleExt)
	}
	info = inspect("請求書.pdf   .scr", "application/pdf", fakePE)
	if info.DoubleExt != "pdf.scr" {
		t.Errorf("spaced double extension %q, want pdf.scr", info.DoubleExt)
	}
	info = inspect("invoice\u202Efdp.exe", "application/pdf", fakePE)
	if !info.Bidi || info.Shown != "invoice[U+202E]fdp.exe" || info.ExtKind != kb.ExtExecutable {
		t.Errorf("RLO name: bidi %v shown %q ext kind %q", info.Bidi, info.Shown, info.ExtKind)
	}
	if info := inspect("請求書.zip.exe", "", fakePE); info.DoubleExt != "zip.exe" {
		t.Errorf("zip.exe double extension %q", info.DoubleExt)
	}
	for _, quiet := range []string{"report.2026.11.pdf", "議事録 v1.2.docx", "archive.tar.gz"} {
		if info := inspect(quiet, "", []byte("%PDF-1.7\n")); info.DoubleExt != "" || info.Bidi {
			t.Errorf("%s: flagged double extension %q bidi %v", quiet, info.DoubleExt, info.Bidi)
		}
	}
}

func TestZipListing(t *testing.T) {
	data := zipOf(t, file{"docs/見積書.pdf.js", []byte("WScript.Echo(1)")}, file{"docs/readme.txt", []byte("hello")},
		file{"tool.exe", fakePE})
	info := inspect("見積書.zip", "application/zip", data)
	got := entryKinds(info)
	want := map[string]string{"見積書.zip/docs/見積書.pdf.js": KindScript, "見積書.zip/docs/readme.txt": KindOther,
		"見積書.zip/tool.exe": KindExecutable}
	for p, k := range want {
		if got[p] != k {
			t.Errorf("entry %s kind %q, want %q (all: %v)", p, got[p], k, got)
		}
	}
	if info.Encrypted {
		t.Error("plain zip marked encrypted")
	}
}

func TestZipEntryDisguisedByName(t *testing.T) {
	// An executable named like a document inside the archive: the bytes
	// decide.
	info := inspect("a.zip", "", zipOf(t, file{"scan.pdf", fakePE}))
	if k := entryKinds(info)["a.zip/scan.pdf"]; k != KindExecutable {
		t.Errorf("PE named scan.pdf inside zip: kind %q", k)
	}
}

func TestEncryptedZip(t *testing.T) {
	fh := zip.FileHeader{Name: "請求書.docx", Method: zip.Store, Flags: 0x1, CRC32: 1, CompressedSize64: 40, UncompressedSize64: 28}
	info := inspect("請求書.zip", "application/zip", rawZip(t, fh, make([]byte, 40)))
	if !info.Encrypted || len(info.Entries) != 1 || !info.Entries[0].Encrypted {
		t.Errorf("encrypted entry not reported: %+v", info)
	}
}

func TestNestedArchives(t *testing.T) {
	inner := zipOf(t, file{"payload.exe", fakePE})
	middle := zipOf(t, file{"inner.zip", inner})
	outer := zipOf(t, file{"middle.zip", middle})
	info := inspect("outer.zip", "", outer)
	if k := entryKinds(info)["outer.zip/middle.zip/inner.zip/payload.exe"]; k != KindExecutable {
		t.Errorf("executable two archives down not listed: %v", entryKinds(info))
	}
	// One level more than MaxDepth allows is listed as an archive but not
	// opened.
	deeper := zipOf(t, file{"outer.zip", outer})
	info = inspect("deeper.zip", "", deeper)
	for p := range entryKinds(info) {
		if strings.HasSuffix(p, "payload.exe") {
			t.Errorf("archive past depth %d was opened: %s", DefaultLimits.MaxDepth, p)
		}
	}
	if k := entryKinds(info)["deeper.zip/outer.zip/middle.zip/inner.zip"]; k != KindArchive {
		t.Errorf("archive at the depth limit not listed as archive: %v", entryKinds(info))
	}
}

func TestISOInsideZip(t *testing.T) {
	info := inspect("order.zip", "", zipOf(t, file{"order.img", fakeISO}))
	if k := entryKinds(info)["order.zip/order.img"]; k != KindDiskImage {
		t.Errorf("ISO inside zip: kind %q", k)
	}
}

func TestEntryLimit(t *testing.T) {
	var files []file
	for i := range 30 {
		files = append(files, file{strings.Repeat("x", i+1) + ".txt", nil})
	}
	info := Inspect("many.zip", "", zipOf(t, files...), kb.Default(), Limits{MaxEntries: 10})
	if len(info.Entries) != 10 || !hasNotice(info, "budget of 10 archive entries") || !info.Capped {
		t.Errorf("entry limit: %d entries, notices %v", len(info.Entries), info.Notices)
	}
}

func TestCorruptArchiveGivesNotice(t *testing.T) {
	info := inspect("broken.zip", "application/zip", []byte("PK\x03\x04 this is not really a zip archive at all"))
	if info.Kind != KindArchive || !hasNotice(info, "cannot be read") {
		t.Errorf("corrupt zip: kind %q notices %v", info.Kind, info.Notices)
	}
}

func TestRarListing(t *testing.T) {
	data := rar5([]file{{"請求書.exe", fakePE}, {"memo.txt", []byte("memo")}}, false)
	info := inspect("請求書.rar", "application/x-rar", data)
	if info.Kind != KindArchive {
		t.Fatalf("rar kind %q type %q notices %v", info.Kind, info.Type, info.Notices)
	}
	got := entryKinds(info)
	if got["請求書.rar/請求書.exe"] != KindExecutable || got["請求書.rar/memo.txt"] != kb.ExtDecoy {
		t.Errorf("rar entries %v notices %v", got, info.Notices)
	}
	info = inspect("secret.rar", "", rar5(nil, true))
	if !info.Encrypted {
		t.Errorf("rar with encrypted headers not marked encrypted: %v", info.Notices)
	}
}

func TestOOXMLMacros(t *testing.T) {
	docm := zipOf(t,
		file{"[Content_Types].xml", []byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>`)},
		file{"word/document.xml", []byte(`<?xml version="1.0"?><w:document/>`)},
		file{"word/vbaProject.bin", cfb("VBA")})
	info := inspect("見積.docm", "", docm)
	if info.Kind != KindOffice || info.Macros != "word/vbaProject.bin" {
		t.Errorf("docm: kind %q macros %q", info.Kind, info.Macros)
	}
	docx := zipOf(t,
		file{"[Content_Types].xml", []byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)},
		file{"word/document.xml", []byte(`<?xml version="1.0"?><w:document/>`)})
	if info := inspect("見積.docx", "", docx); info.Macros != "" {
		t.Errorf("docx without macros reported %q", info.Macros)
	}
}

func TestOLEMacros(t *testing.T) {
	info := inspect("請求書.xls", "application/vnd.ms-excel", cfb("Workbook", "_VBA_PROJECT_CUR"))
	if info.Kind != KindOffice || info.Macros == "" {
		t.Errorf("xls with VBA storage: kind %q macros %q notices %v", info.Kind, info.Macros, info.Notices)
	}
	info = inspect("請求書.doc", "application/msword", cfb("WordDocument", "1Table"))
	if info.Kind != KindOffice || info.Macros != "" {
		t.Errorf("doc without macros: kind %q macros %q notices %v", info.Kind, info.Macros, info.Notices)
	}
}

func TestPDFLinks(t *testing.T) {
	plain := []byte("%PDF-1.7\n1 0 obj\n<< /Type /Annot /Subtype /Link /A << /S /URI /URI (https://amaz0n-verify.example/login\\)x) >> >>\nendobj\n" +
		"2 0 obj\n<< /A << /S /URI /URI <68747470733a2f2f6578616d706c652e636f6d2f> >> >>\nendobj\n%%EOF\n")
	info := inspect("請求書.pdf", "application/pdf", plain)
	var urls []string
	for _, l := range info.Links {
		urls = append(urls, l.URL)
	}
	if !slices.Equal(urls, []string{"https://amaz0n-verify.example/login)x", "https://example.com/"}) {
		t.Errorf("pdf links %q", urls)
	}
}

func TestHTMLAttachment(t *testing.T) {
	page := []byte(`<html><head><meta http-equiv="refresh" content="0; url=https://login-microsoft.example.top/"></head>
<body><form action="https://collect.example.top/p.php" method="post"><input name="email"><input type="password" name="pw"></form>
<script>window.location.href = "https://login-microsoft.example.top/owa";</script></body></html>`)
	info := inspect("Invoice.html", "text/html", page)
	if info.Forms != 1 || info.PasswordInputs != 1 {
		t.Errorf("forms %d password inputs %d", info.Forms, info.PasswordInputs)
	}
	if !strings.HasPrefix(info.Redirect, "meta refresh to https://login-microsoft.example.top/") {
		t.Errorf("redirect %q", info.Redirect)
	}
	found := false
	for _, l := range info.Links {
		found = found || l.URL == "https://login-microsoft.example.top/" && l.Source == "html"
	}
	if !found {
		t.Errorf("meta refresh target not among links %v", info.Links)
	}
	info = inspect("a.htm", "text/html", []byte(`<html><body><script>location.replace("https://x.example/")</script></body></html>`))
	if !strings.HasPrefix(info.Redirect, "script: location.replace(") {
		t.Errorf("script redirect %q", info.Redirect)
	}
	quiet := inspect("newsletter.html", "text/html", []byte(`<html><body><p>今月のお知らせ</p><a href="https://example.jp/">サイト</a></body></html>`))
	if quiet.Forms != 0 || quiet.PasswordInputs != 0 || quiet.Redirect != "" {
		t.Errorf("plain page: %+v", quiet)
	}
}

func TestInternetShortcut(t *testing.T) {
	info := inspect("請求書.url", "application/octet-stream", []byte("[InternetShortcut]\r\nURL=https://evil.example/run.hta\r\n"))
	if info.Kind != KindShortcut || len(info.Links) != 1 || info.Links[0].URL != "https://evil.example/run.hta" {
		t.Errorf("shortcut: kind %q links %v", info.Kind, info.Links)
	}
}

func TestQRCode(t *testing.T) {
	const target = "https://amazon-co-jp.verify.example.top/signin?id=1"
	info := inspect("scan.png", "image/png", qrPNG(t, target, 200))
	if info.Kind != KindImage || len(info.Links) != 1 || info.Links[0].URL != target || info.Links[0].Source != "qr" {
		t.Errorf("qr: kind %q links %v", info.Kind, info.Links)
	}
	big := Inspect("scan.png", "image/png", qrPNG(t, target, 200), kb.Default(), Limits{MaxPixels: 100 * 100})
	if len(big.Links) != 0 || !hasNotice(big, "not searched") {
		t.Errorf("image over the pixel limit was decoded: %v %v", big.Links, big.Notices)
	}
	if info := inspect("broken.png", "image/png", []byte("\x89PNG\r\n\x1a\n garbage")); len(info.Links) != 0 {
		t.Errorf("broken png gave links %v", info.Links)
	}
}

func TestRarDictionaryBomb(t *testing.T) {
	// A 100-byte archive whose entry claims 4 GB unpacked with a 4 GB
	// dictionary (method 3, dictionary bits 15): rardecode would allocate
	// the dictionary when it reaches the header.
	const method3, dict4G = 3 << 7, 15 << 10
	data := rar5Lying([]file{{"big.bin", make([]byte, 16)}}, false, method3|dict4G, 4<<30)
	alloc := allocated(func() { _ = inspect("bomb.rar", "", data) })
	if alloc > 64<<20 {
		t.Errorf("listing the rar allocated %d bytes", alloc)
	}
	if info := inspect("bomb.rar", "", data); !hasNotice(info, "dictionary") {
		t.Errorf("no notice about the dictionary: %v", info.Notices)
	}
}
