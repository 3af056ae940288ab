package attach

import (
	"testing"

	"github.com/mekiki/mekiki/kb"
)

// FuzzInspect: no attachment, however malformed, may panic or escape the
// limits.
func FuzzInspect(f *testing.F) {
	f.Add("a.zip", zipOf(f, file{"x.exe", fakePE}, file{"y.txt", []byte("y")}))
	f.Add("a.rar", rar5([]file{{"x.exe", fakePE}}, false))
	f.Add("a.doc", cfb("WordDocument", "Macros"))
	f.Add("a.pdf", []byte("%PDF-1.7\n<< /Filter /FlateDecode >>\nstream\nx\x9c\x03\x00\x00\x00\x00\x01\nendstream\n/URI (https://a.example/)"))
	f.Add("a.html", []byte(`<form><input type=password></form><script>location.href="https://a.example/"</script>`))
	f.Add("a.url", []byte("[InternetShortcut]\nURL=https://a.example/\n"))
	f.Add("a.png", qrPNG(f, "https://a.example/", 60))
	f.Add("a.iso", fakeISO)
	k := kb.Default()
	lim := Limits{MaxInflate: 1 << 20, MaxNested: 256 << 10, MaxPixels: 1 << 16, MaxPDFBytes: 1 << 20}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		info := Inspect(name, "application/octet-stream", data, k, lim)
		if len(info.Entries) > 3*DefaultLimits.MaxEntries {
			t.Fatalf("%d entries", len(info.Entries))
		}
	})
}
