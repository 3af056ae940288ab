package mailbox

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const mbox = "From alice@example.jp Mon Nov 23 10:00:00 2026\n" +
	"Subject: one\n\nhello\n>From the start\n>>From quoted twice\n\n" +
	"From bob@example.jp Mon Nov 23 10:01:00 2026\n" +
	"Subject: two\n\nFrom-less body line\n"

func collect(t *testing.T, paths ...string) []*Message {
	t.Helper()
	var out []*Message
	if err := Walk(context.Background(), paths, 0, func(m *Message) error { out = append(out, m); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestMboxSplitAndUnquote(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "box.mbox")
	os.WriteFile(p, []byte(mbox), 0o644)
	ms := collect(t, p)
	if len(ms) != 2 {
		t.Fatalf("%d messages", len(ms))
	}
	if got := string(ms[0].Data); got != "Subject: one\n\nhello\nFrom the start\n>From quoted twice\n" {
		t.Errorf("first message %q", got)
	}
	if got := string(ms[1].Data); got != "Subject: two\n\nFrom-less body line\n" {
		t.Errorf("second message %q", got)
	}
	if ms[1].Index != 1 || ms[1].Offset != int64(strings.Index(mbox, "From bob")) {
		t.Errorf("second message at #%d @%d", ms[1].Index, ms[1].Offset)
	}
	if loc := ms[1].Location(); loc != fmt.Sprintf("%s#1@%d", p, ms[1].Offset) {
		t.Errorf("location %q", loc)
	}
}

func TestGzipMboxAndFiles(t *testing.T) {
	dir := t.TempDir()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(mbox))
	zw.Close()
	os.WriteFile(filepath.Join(dir, "a.mbox.gz"), gz.Bytes(), 0o644)
	os.MkdirAll(filepath.Join(dir, "Maildir", "cur"), 0o755)
	os.MkdirAll(filepath.Join(dir, "Maildir", "new"), 0o755)
	os.MkdirAll(filepath.Join(dir, "Maildir", "tmp"), 0o755)
	os.WriteFile(filepath.Join(dir, "Maildir", "cur", "1700000000.1.host:2,S"), []byte("Subject: seen\n\nx\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "Maildir", "new", "1700000001.2.host"), []byte("Subject: new\n\nx\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "Maildir", "tmp", "1700000002.3.host"), []byte("Subject: half-delivered\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ".DS_Store"), []byte("junk"), 0o644)
	ms := collect(t, dir)
	var subjects []string
	for _, m := range ms {
		subjects = append(subjects, strings.SplitN(strings.TrimPrefix(string(m.Data), "Subject: "), "\n", 2)[0])
	}
	if strings.Join(subjects, ",") != "seen,new,one,two" {
		t.Errorf("subjects %v", subjects)
	}
}

func TestSizeLimitCutsMessages(t *testing.T) {
	dir := t.TempDir()
	big := "From a@b Mon Nov 23 10:00:00 2026\nSubject: big\n\n" + strings.Repeat("x", 200<<10) + "\n" +
		strings.Repeat("y", 1000) + "\nFrom c@d Mon Nov 23 10:00:00 2026\nSubject: small\n\nz\n"
	os.WriteFile(filepath.Join(dir, "big.mbox"), []byte(big), 0o644)
	os.WriteFile(filepath.Join(dir, "big.eml"), []byte("Subject: file\n\n"+strings.Repeat("x", 5000)), 0o644)
	var ms []*Message
	Walk(context.Background(), []string{dir}, 4096, func(m *Message) error { ms = append(ms, m); return nil })
	if len(ms) != 3 {
		t.Fatalf("%d messages", len(ms))
	}
	for _, m := range ms[:2] {
		if len(m.Data) > 4096 || !m.Truncated {
			t.Errorf("%s: %d bytes, truncated %v", m.Location(), len(m.Data), m.Truncated)
		}
	}
	if string(ms[2].Data) != "Subject: small\n\nz\n" || ms[2].Truncated {
		t.Errorf("message after the big one: %q", ms[2].Data)
	}
}

func TestWalkErrorsAndStop(t *testing.T) {
	if err := Walk(context.Background(), []string{"/nonexistent/box"}, 0, func(*Message) error { return nil }); err == nil ||
		!strings.Contains(err.Error(), "cannot open /nonexistent/box") {
		t.Errorf("missing path: %v", err)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.gz")
	os.WriteFile(bad, []byte{0x1f, 0x8b, 0, 1, 2}, 0o644)
	if err := Walk(context.Background(), []string{bad}, 0, func(*Message) error { return nil }); err == nil {
		t.Error("broken gzip named explicitly: no error")
	}
	p := filepath.Join(dir, "box.mbox")
	os.WriteFile(p, []byte(mbox), 0o644)
	n := 0
	if err := Walk(context.Background(), []string{p}, 0, func(*Message) error { n++; return ErrStop }); err != nil || n != 1 {
		t.Errorf("stop: %v after %d", err, n)
	}
}

// endlessMbox produces n messages of about size bytes each.
type endlessMbox struct {
	n, size, done int
	pending       []byte
}

func (e *endlessMbox) Read(p []byte) (int, error) {
	if len(e.pending) == 0 {
		if e.done == e.n {
			return 0, io.EOF
		}
		e.pending = fmt.Appendf(nil, "From x@y Mon Nov 23 10:00:00 2026\nSubject: %d\n\n%s\n\n", e.done, strings.Repeat("body line\n", e.size/10))
		e.done++
	}
	n := copy(p, e.pending)
	e.pending = e.pending[n:]
	return n, nil
}

// TestMboxStreamsInBoundedMemory reads 256 MiB of mbox and checks that
// the live heap never holds more than a few messages.
func TestMboxStreamsInBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 256 MiB")
	}
	src := &endlessMbox{n: 4096, size: 64 << 10}
	var peak uint64
	count := 0
	err := ReadMbox(context.Background(), src, "stream", 0, func(m *Message) error {
		count++
		if count%256 == 0 {
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
		return nil
	})
	if err != nil || count != 4096 {
		t.Fatalf("%d messages, %v", count, err)
	}
	t.Logf("256 MiB mbox: peak heap in use %d bytes", peak)
	if peak > 32<<20 {
		t.Errorf("peak heap %d bytes while streaming", peak)
	}
}
