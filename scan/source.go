package scan

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/mekiki/mekiki/mailbox"
)

// Paths reads message files, directories (recursively; Maildir cur and
// new), and mbox files (mboxo/mboxrd, also gzip'd).
type Paths []string

// Each streams the messages under the paths.
func (p Paths) Each(ctx context.Context, fn func(Item) error) error {
	return mailbox.Walk(ctx, p, 0, func(m *mailbox.Message) error { return fn(itemOf(m)) })
}

// Tree reads what Paths reads, for a scan: a file inside a directory
// that cannot be read becomes an item with an error (Paths passes over
// it), and the Maildir++ folder the scan moves mail to is not walked
// into, so that a second scan does not judge, and move again, what the
// first one moved.
type Tree struct {
	Paths []string
	// MoveTo is the folder of Actions.MoveTo ("Junk" or ".Junk"), or "".
	MoveTo string
}

// Each streams the messages under the paths.
func (t Tree) Each(ctx context.Context, fn func(Item) error) error {
	opts := mailbox.WalkOptions{
		Unreadable: func(path string, err error) error {
			return fn(Item{Loc: Location{Kind: "file", Path: path}, Err: err.Error()})
		},
	}
	if t.MoveTo != "" {
		folder := maildirFolder(t.MoveTo)
		opts.SkipDir = func(dir string) bool {
			return filepath.Base(dir) == folder && mailbox.IsMaildir(filepath.Dir(dir))
		}
	}
	return mailbox.WalkWith(ctx, t.Paths, opts, func(m *mailbox.Message) error { return fn(itemOf(m)) })
}

func itemOf(m *mailbox.Message) Item {
	loc := Location{Kind: "file", Path: m.Source}
	switch {
	case m.Index >= 0:
		loc = Location{Kind: "mbox", Path: m.Source, Index: m.Index, Offset: m.Offset}
	case m.Maildir != "":
		loc = Location{Kind: "maildir", Path: m.Source, Maildir: m.Maildir, Key: m.Key, Flags: m.Flags}
	}
	return Item{Loc: loc, Data: m.Data, Truncated: m.Truncated}
}

// maildirFolder is the directory name of a Maildir++ folder: ".Junk".
func maildirFolder(name string) string { return "." + strings.TrimPrefix(name, ".") }
