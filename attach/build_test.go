package attach

// Builders for the attachments the tests inspect. Every file is made
// here, byte by byte or with the standard library, so the tests carry no
// binary fixtures and nothing is ever written to disk.

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image/png"
	"testing"
	"unicode/utf16"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// fakePE is the start of a Windows executable: an MZ header pointing at a
// PE signature. It runs nothing.
var fakePE = append(append(append([]byte("MZ\x90\x00"), make([]byte, 56)...), 64, 0, 0, 0), append([]byte("PE\x00\x00"), make([]byte, 188)...)...)

// fakeLNK is a Windows shell-link header (CLSID 00021401-…-46).
var fakeLNK = append([]byte{0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46}, make([]byte, 56)...)

// fakeISO is an ISO 9660 primary volume descriptor at sector 16.
var fakeISO = append(append(make([]byte, 0x8000), []byte("\x01CD001\x01")...), make([]byte, 2048-7)...)

type file struct {
	name string
	data []byte
}

// zipOf deflates files into a zip archive.
func zipOf(t testing.TB, files ...file) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rawZip writes one entry whose header says what fh says and whose data
// is raw, already compressed bytes: the way to make archives that lie.
func rawZip(t testing.TB, fh zip.FileHeader, raw []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&fh)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// cfb writes a minimal OLE compound file (version 3, 512-byte sectors)
// whose root storage holds the named storages, each empty: enough for a
// reader to walk the directory as it does in a .doc or .xls.
func cfb(storages ...string) []byte {
	const free, end, fatSect, noStream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
	le := binary.LittleEndian
	hdr := make([]byte, 512)
	copy(hdr, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(hdr[24:], 0x3E)
	le.PutUint16(hdr[26:], 3)
	le.PutUint16(hdr[28:], 0xFFFE)
	le.PutUint16(hdr[30:], 9)
	le.PutUint16(hdr[32:], 6)
	le.PutUint32(hdr[44:], 1)      // FAT sectors
	le.PutUint32(hdr[48:], 1)      // first directory sector
	le.PutUint32(hdr[56:], 4096)   // mini stream cut-off
	le.PutUint32(hdr[60:], end)    // no mini FAT
	le.PutUint32(hdr[68:], end)    // no DIFAT sectors
	for i := 76; i < 512; i += 4 { // DIFAT: the FAT is sector 0
		le.PutUint32(hdr[i:], free)
	}
	le.PutUint32(hdr[76:], 0)

	fat := make([]byte, 512)
	for i := 0; i < 512; i += 4 {
		le.PutUint32(fat[i:], free)
	}
	le.PutUint32(fat[0:], fatSect)
	le.PutUint32(fat[4:], end)

	dir := make([]byte, 512)
	entry := func(i int, name string, typ byte, right, child uint32) {
		e := dir[i*128 : (i+1)*128]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[j*2:], c)
		}
		le.PutUint16(e[64:], uint16(len(u)*2+2))
		e[66], e[67] = typ, 1
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], end)
	}
	for i := 1; i < 4; i++ { // unused entries
		entry(i, "", 0, noStream, noStream)
	}
	child := uint32(noStream)
	if len(storages) > 0 {
		child = 1
	}
	entry(0, "Root Entry", 5, noStream, child)
	for i, s := range storages[:min(len(storages), 3)] {
		right := uint32(noStream)
		if i+1 < min(len(storages), 3) {
			right = uint32(i + 2)
		}
		entry(i+1, s, 1, right, noStream)
	}
	return append(append(hdr, fat...), dir...)
}

// rar5 writes a RAR 5 archive of stored files (format: "RAR 5.0 archive
// format", rarlab.com/technote.htm). With encryptHeaders it writes only
// the archive encryption header that "rar -hp" puts before everything
// else, as a reader without the password sees it.
func rar5(files []file, encryptHeaders bool) []byte {
	return rar5Lying(files, encryptHeaders, 0, 0)
}

// rar5Lying is rar5 whose file headers may claim compression (method
// and dictionary bits of the compression field, 0 for stored) and an
// unpacked size (0 for the real one).
func rar5Lying(files []file, encryptHeaders bool, compression, unpacked uint64) []byte {
	out := []byte("Rar!\x1a\x07\x01\x00")
	block := func(typ, flags uint64, fields []byte, data []byte) {
		body := vint(nil, typ)
		body = vint(body, flags)
		if data != nil {
			body = vint(body, uint64(len(data)))
		}
		body = append(body, fields...)
		h := vint(nil, uint64(len(body)))
		h = append(h, body...)
		out = binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(h))
		out = append(append(out, h...), data...)
	}
	if encryptHeaders {
		f := vint(nil, 0)                  // AES-256
		f = vint(f, 0)                     // no password check value
		f = append(f, 15)                  // KDF count
		f = append(f, make([]byte, 16)...) // salt
		block(4, 0, f, nil)
		return append(out, make([]byte, 64)...)
	}
	block(1, 0, vint(nil, 0), nil)
	for _, fl := range files {
		f := vint(nil, 0x4) // CRC32 present
		size := uint64(len(fl.data))
		if unpacked > 0 {
			size = unpacked
		}
		f = vint(f, size)
		f = vint(f, 0x20) // attributes
		f = binary.LittleEndian.AppendUint32(f, crc32.ChecksumIEEE(fl.data))
		f = vint(f, compression) // 0: stored, algorithm version 0
		f = vint(f, 0)           // Windows
		f = vint(f, uint64(len(fl.name)))
		f = append(f, fl.name...)
		block(2, 0x2, f, fl.data)
	}
	block(5, 0, vint(nil, 0), nil)
	return out
}

func vint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// qrPNG encodes text as a QR code in a PNG image.
func qrPNG(t testing.TB, text string, size int) []byte {
	t.Helper()
	m, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, size, size, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
