package mail

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the parser: it must never panic and
// never hang, whatever the input.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "*.eml"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("From: =?ISO-2022-JP?B?GyRCJCIk?=\nContent-Type: multipart/mixed; boundary=x\n\n--x\n\n--x--"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseBytes(data, Limits{MaxSize: 1 << 20, MaxDepth: 8, MaxParts: 64, MaxPartSize: 1 << 20})
		if err != nil {
			return
		}
		_ = DecodeHeader(m.Header.Get("Subject"), "")
	})
}
