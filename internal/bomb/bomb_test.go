package bomb

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"testing"
)

// TestDeflatedZeros: the builder produces what it says, checked on
// 80 MiB (the construction a 10 GiB bomb repeats further) with an odd
// tail.
func TestDeflatedZeros(t *testing.T) {
	const total = 80<<20 + 12345
	prefix := []byte("%PDF-1.7\n")
	raw := DeflatedZeros(prefix, total)
	r := flate.NewReader(bytes.NewReader(raw))
	head := make([]byte, len(prefix))
	if _, err := io.ReadFull(r, head); err != nil || !bytes.Equal(head, prefix) {
		t.Fatalf("prefix %q (err %v)", head, err)
	}
	n, err := io.Copy(io.Discard, r)
	if err != nil || n+int64(len(prefix)) != total {
		t.Fatalf("inflated %d bytes (err %v), want %d", n+int64(len(prefix)), err, total)
	}
	if ratio := total / len(raw); ratio < 900 {
		t.Errorf("ratio %d:1, want the ~1000:1 of a real bomb", ratio)
	}
}

func TestZipDeclaresWhatItIsTold(t *testing.T) {
	data, err := Zip("a.bin", DeflatedZeros(nil, 1<<20), 10<<30)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || len(zr.File) != 1 || zr.File[0].UncompressedSize64 != 10<<30 {
		t.Fatalf("zip: %v %+v", err, zr)
	}
}
