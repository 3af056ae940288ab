package mailbox

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestWalkWithSkipsDirsAndReportsUnreadable: SkipDir leaves a folder
// out, and Unreadable hears of a broken file inside a directory that
// Walk would pass over silently.
func TestWalkWithSkipsDirsAndReportsUnreadable(t *testing.T) {
	md := t.TempDir()
	for _, d := range []string{"cur", "new", "tmp", ".Junk/cur", ".Junk/new", ".Junk/tmp"} {
		os.MkdirAll(filepath.Join(md, d), 0o700)
	}
	os.WriteFile(filepath.Join(md, "new", "1.host"), []byte("Subject: in\n\nx\n"), 0o600)
	os.WriteFile(filepath.Join(md, ".Junk", "new", "2.host"), []byte("Subject: junk\n\nx\n"), 0o600)
	bad := filepath.Join(md, "cur", "3.host")
	os.WriteFile(bad, []byte{0x1f, 0x8b, 0, 1, 2}, 0o600)
	if !IsMaildir(md) || !IsMaildir(filepath.Join(md, ".Junk")) || IsMaildir(filepath.Join(md, "new")) {
		t.Error("IsMaildir")
	}
	var got []string
	var unreadable []string
	err := WalkWith(context.Background(), []string{md}, WalkOptions{
		SkipDir:    func(dir string) bool { return filepath.Base(dir) == ".Junk" },
		Unreadable: func(p string, err error) error { unreadable = append(unreadable, p); return nil },
	}, func(m *Message) error { got = append(got, m.Source); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != filepath.Join(md, "new", "1.host") {
		t.Errorf("read %v", got)
	}
	if len(unreadable) != 1 || unreadable[0] != bad {
		t.Errorf("unreadable %v", unreadable)
	}
	// The path given is never skipped, even when SkipDir names it.
	got = nil
	WalkWith(context.Background(), []string{filepath.Join(md, ".Junk")}, WalkOptions{SkipDir: func(dir string) bool { return filepath.Base(dir) == ".Junk" }},
		func(m *Message) error { got = append(got, m.Source); return nil })
	if len(got) != 1 {
		t.Errorf("the named folder was skipped: %v", got)
	}
}
