// Package bomb builds decompression bombs for tests: deflate streams
// that inflate to gigabytes of zeros while taking about a thousandth of
// that, and zip archives around them whose headers tell the truth or
// lie. Nothing here is ever written to disk.
package bomb

import (
	"archive/zip"
	"bytes"
	"compress/flate"
)

// window is deflate's back-reference reach; chunk is the block repeated.
const window, chunk = 32 << 10, 16 << 20

// DeflatedZeros returns a raw deflate stream that inflates to prefix
// followed by zeros, total bytes in all, at deflate's best ratio (about
// 1,000:1). One block of 16 MiB of zeros is compressed against a window
// of zeros and then repeated: every back-reference in it reaches only
// zeros, so the repeats are valid, and the stream is built without ever
// holding its content.
func DeflatedZeros(prefix []byte, total int64) []byte {
	var out bytes.Buffer
	head, _ := flate.NewWriter(&out, flate.BestCompression)
	head.Write(prefix)
	head.Write(make([]byte, window))
	head.Flush()
	left := total - int64(len(prefix)) - window
	block := zeroBlock(chunk)
	for ; left >= chunk; left -= chunk {
		out.Write(block)
	}
	if left > 0 {
		out.Write(zeroBlock(int(left)))
	}
	out.Write([]byte{0x01, 0x00, 0x00, 0xff, 0xff}) // empty final stored block
	return out.Bytes()
}

// zeroBlock compresses n zeros against a window of zeros and ends with a
// sync flush, so the bytes can follow any stream whose window is zeros.
func zeroBlock(n int) []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriterDict(&b, flate.BestCompression, make([]byte, window))
	w.Write(make([]byte, n))
	w.Flush()
	return b.Bytes()
}

// Zip wraps raw deflate data as the one entry of a zip archive whose
// headers declare the given uncompressed size, true or not.
func Zip(name string, raw []byte, declared uint64) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate,
		CompressedSize64: uint64(len(raw)), UncompressedSize64: declared})
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
