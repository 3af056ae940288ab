package web

import (
	"os"
	"path/filepath"
	"testing"
)

// TestHistoryFolderPrivate: the folder the history creates is its
// owner's only (an existing folder is left as it is: it may be shared).
func TestHistoryFolderPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "share", "mekiki")
	h, err := OpenHistory(filepath.Join(dir, "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	h.Close()
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("folder: %v %v", fi.Mode().Perm(), err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "history.db")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("file: %v %v", fi.Mode().Perm(), err)
	}
}
