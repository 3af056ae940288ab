package scan

import (
	"context"

	"github.com/mekiki/mekiki/mailbox"
)

// Paths reads message files, directories (recursively; Maildir cur and
// new), and mbox files (mboxo/mboxrd, also gzip'd).
type Paths []string

// Each streams the messages under the paths.
func (p Paths) Each(ctx context.Context, fn func(Item) error) error {
	return mailbox.Walk(ctx, p, 0, func(m *mailbox.Message) error {
		loc := Location{Kind: "file", Path: m.Source}
		switch {
		case m.Index >= 0:
			loc = Location{Kind: "mbox", Path: m.Source, Index: m.Index, Offset: m.Offset}
		case m.Maildir != "":
			loc = Location{Kind: "maildir", Path: m.Source, Maildir: m.Maildir, Key: m.Key, Flags: m.Flags}
		}
		return fn(Item{Loc: loc, Data: m.Data, Truncated: m.Truncated})
	})
}
