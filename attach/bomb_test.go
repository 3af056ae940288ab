package attach

import (
	"archive/zip"
	"bytes"
	"runtime"
	"testing"

	"github.com/mekiki/mekiki/internal/bomb"
)

// allocated returns the bytes f allocated on the heap.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

const tenGiB = 10 << 30

// TestZipBomb10GiB feeds a zip whose one entry really inflates to 10 GiB.
// Whether its header tells the truth or lies about the size, inspection
// reads at most the configured budget and says why it stopped.
func TestZipBomb10GiB(t *testing.T) {
	raw := bomb.DeflatedZeros([]byte("%PDF-1.7\n"), tenGiB)
	t.Logf("bomb: %d bytes compressed, %d bytes inflated", len(raw), int64(tenGiB))
	cases := []struct {
		name       string
		declared   uint64
		notice     string
		maxAlloced uint64
	}{
		// Honest header: refused from the central directory alone.
		{"honest", tenGiB, "decompression bomb", 4 << 20},
		// Header claims 3 MiB: the entry starts like a PDF, so it is
		// opened, and reading stops at the declared size.
		{"lying", 3 << 20, "past its declared size", uint64(DefaultLimits.MaxNested) * 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fh := zip.FileHeader{Name: "inner.pdf", Method: zip.Deflate, CompressedSize64: uint64(len(raw)), UncompressedSize64: c.declared}
			data := rawZip(t, fh, raw)
			var info Info
			alloc := allocated(func() { info = inspect("請求書.zip", "application/zip", data) })
			t.Logf("%s: %d bytes allocated, notices %q", c.name, alloc, info.Notices)
			if !hasNotice(info, c.notice) {
				t.Errorf("no %q notice: %q", c.notice, info.Notices)
			}
			if alloc > c.maxAlloced {
				t.Errorf("inspecting allocated %d bytes, limit %d", alloc, c.maxAlloced)
			}
		})
	}
}

// TestOverlappingEntriesBomb: many central-directory entries that all
// point at the same compressed data (the "non-recursive zip bomb"). The
// entry limit and the shared inflate budget bound the work.
func TestOverlappingEntriesBomb(t *testing.T) {
	raw := bomb.DeflatedZeros(nil, 64<<20)
	fh := zip.FileHeader{Name: "a.zip", Method: zip.Deflate, CompressedSize64: uint64(len(raw)), UncompressedSize64: 150 * uint64(len(raw))}
	one := rawZip(t, fh, raw)
	// Repeat the single central-directory record, all at offset 0.
	end := bytes.LastIndex(one, []byte("PK\x05\x06"))
	cdStart := bytes.LastIndex(one[:end], []byte("PK\x01\x02"))
	rec := one[cdStart:end]
	const copies = 3000
	var out bytes.Buffer
	out.Write(one[:cdStart])
	for range copies {
		out.Write(rec)
	}
	eocd := append([]byte(nil), one[end:]...)
	le16 := func(b []byte, v int) { b[0], b[1] = byte(v), byte(v>>8) }
	le32 := func(b []byte, v int) { b[0], b[1], b[2], b[3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24) }
	le16(eocd[8:], copies)
	le16(eocd[10:], copies)
	le32(eocd[12:], len(rec)*copies)
	le32(eocd[16:], cdStart)
	out.Write(eocd)

	var info Info
	alloc := allocated(func() { info = inspect("many.zip", "", out.Bytes()) })
	t.Logf("%d entries listed, %d bytes allocated, %d notices", len(info.Entries), alloc, len(info.Notices))
	if len(info.Entries) > DefaultLimits.MaxEntries {
		t.Errorf("%d entries listed, limit %d", len(info.Entries), DefaultLimits.MaxEntries)
	}
	if !hasNotice(info, "archive entries is used up") {
		t.Errorf("no entry-limit notice")
	}
	if alloc > uint64(DefaultLimits.MaxInflate)*3 {
		t.Errorf("allocated %d bytes, budget %d", alloc, DefaultLimits.MaxInflate)
	}
}

// TestPDFStreamBomb: a PDF whose Flate stream inflates to 10 GiB.
func TestPDFStreamBomb(t *testing.T) {
	// zlib framing around the raw deflate bomb: header 78 DA, no
	// checksum needed because the reader never reaches the end.
	raw := bomb.DeflatedZeros([]byte("/URI (https://x.example/)"), tenGiB)
	var pdf bytes.Buffer
	pdf.WriteString("%PDF-1.7\n1 0 obj\n<< /Length 1 /Filter /FlateDecode >>\nstream\n\x78\xda")
	pdf.Write(raw)
	pdf.WriteString("\nendstream\nendobj\n%%EOF\n")
	var info Info
	alloc := allocated(func() { info = inspect("bomb.pdf", "application/pdf", pdf.Bytes()) })
	t.Logf("%d bytes allocated, links %v, notices %q", alloc, info.Links, info.Notices)
	if len(info.Links) != 1 || info.Links[0].URL != "https://x.example/" {
		t.Errorf("link before the zeros not found: %v", info.Links)
	}
	if !hasNotice(info, "were not read") {
		t.Errorf("no notice that the stream was cut: %q", info.Notices)
	}
	if alloc > 8<<20 {
		t.Errorf("allocated %d bytes, PDF budget %d", alloc, DefaultLimits.MaxPDFBytes)
	}
}

func BenchmarkZipBomb10GiB(b *testing.B) {
	raw := bomb.DeflatedZeros([]byte("%PDF-1.7\n"), tenGiB)
	fh := zip.FileHeader{Name: "inner.pdf", Method: zip.Deflate, CompressedSize64: uint64(len(raw)), UncompressedSize64: 3 << 20}
	data := rawZip(b, fh, raw)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		inspect("bomb.zip", "", data)
	}
}
