package web

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func TestHistoryBoundedInBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	h, err := OpenHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	const mib = 1 << 20
	h.MaxBytes, h.MaxEntryBytes = 3*mib, 2*mib
	var ids []int64
	for i := range 12 {
		id, err := h.Add("mail", "phishing", 9, bytes.Repeat([]byte{byte('a' + i)}, mib-1000))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		if wal := fileSize(t, path+"-wal"); wal != 0 {
			t.Fatalf("after add %d: the write-ahead log holds %d bytes", i, wal)
		}
	}
	recent, _ := h.Recent(100)
	if len(recent) != 3 || recent[0].ID != ids[11] || recent[2].ID != ids[9] {
		t.Fatalf("kept %+v", recent)
	}
	var total int64
	h.db.QueryRow(`SELECT SUM(length(raw)) FROM analyses`).Scan(&total)
	if total > h.MaxBytes {
		t.Errorf("%d bytes kept", total)
	}
	// The file shrinks back: its size is the kept mails and a little.
	if size := fileSize(t, path); size > h.MaxBytes+mib {
		t.Errorf("the file is %d bytes for %d bytes of mail", size, total)
	}
	if _, err := h.Add("big", "phishing", 9, make([]byte, 2*mib+1)); !errors.Is(err, ErrEntryTooLarge) {
		t.Errorf("an entry beyond MaxEntryBytes: %v", err)
	}
	if recent, _ := h.Recent(100); len(recent) != 3 {
		t.Errorf("the refused entry evicted others: %d left", len(recent))
	}

	// Deleting gives the space back, and leaves no log behind.
	for _, e := range recent {
		if err := h.Delete(e.ID); err != nil {
			t.Fatal(err)
		}
		if wal := fileSize(t, path+"-wal"); wal != 0 {
			t.Errorf("after delete: the write-ahead log holds %d bytes", wal)
		}
	}
	if size := fileSize(t, path); size > 64<<10 {
		t.Errorf("an empty history is %d bytes", size)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if fi, err := os.Stat(p); err == nil && fi.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v", filepath.Base(p), fi.Mode().Perm())
		}
	}
}

func TestHistoryBoundedInCount(t *testing.T) {
	h, err := OpenHistory(filepath.Join(t.TempDir(), "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	h.Keep = 2
	for range 5 {
		h.Add("mail", "clean", 0, []byte("Subject: x\r\n\r\nhello\r\n"))
	}
	if recent, _ := h.Recent(10); len(recent) != 2 {
		t.Errorf("%d kept", len(recent))
	}
}

func TestHistoryFilePrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	// A file left readable by an earlier version is tightened.
	os.WriteFile(path, nil, 0o644)
	h, err := OpenHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	h.Add("mail", "clean", 0, []byte("Subject: x\r\n\r\nhello\r\n"))
	h.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if fi, err := os.Stat(p); err == nil && fi.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v", filepath.Base(p), fi.Mode().Perm())
		}
	}
	os.Remove(path)
	h, err = OpenHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	h.Add("mail", "clean", 0, []byte("Subject: x\r\n\r\nhello\r\n"))
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
		} else if fi.Mode().Perm() != 0o600 {
			t.Errorf("new %s is %v", filepath.Base(p), fi.Mode().Perm())
		}
	}
}

func TestHistoryDeleteLeavesNoTrace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	h, err := OpenHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	secret := []byte("Subject: private\r\n\r\nhanako's-bank-password-0xC0FFEE\r\n")
	id, _ := h.Add("private", "phishing", 9, secret)
	h.Add("other", "clean", 0, []byte("Subject: other\r\n\r\nhello\r\n"))
	if err := h.Delete(id); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal"} {
		b, _ := os.ReadFile(p)
		if bytes.Contains(b, []byte("0xC0FFEE")) {
			t.Errorf("%s still holds the deleted mail", filepath.Base(p))
		}
	}
}
