package show

import (
	"context"
	"fmt"
	"io"

	"github.com/mekiki/mekiki/attach"
	"github.com/mekiki/mekiki/kb"
	"github.com/mekiki/mekiki/mail"
)

// Inspect looks into m's attachments with one budget, as an analysis
// does, and returns what each turned out to be, in m.Attachments' order.
// k supplies the extension lists; nil takes the embedded knowledge base.
func Inspect(ctx context.Context, m *mail.Message, k *kb.KB) []attach.Info {
	if len(m.Attachments) == 0 {
		return nil
	}
	if k == nil {
		k = kb.Default()
	}
	x := attach.NewInspector(ctx, k, attach.Limits{})
	infos := make([]attach.Info, len(m.Attachments))
	for i, a := range m.Attachments {
		infos[i] = x.Inspect(a.Name, a.ContentType, a.Data)
	}
	return infos
}

// Read parses one message from r within lim, looks into its attachments
// and builds its view. It fails only when r holds no mail (mail.ErrEmpty,
// mail.ErrNotMail) or cannot be read; a bug that one hostile mail
// triggers becomes an error too, never a crash.
func Read(ctx context.Context, r io.Reader, lim mail.Limits, k *kb.KB) (v *View, err error) {
	defer func() {
		if p := recover(); p != nil {
			v, err = nil, fmt.Errorf("the mail could not be read (internal error: %v)", p)
		}
	}()
	m, err := mail.ParseContext(ctx, r, lim)
	if err != nil {
		return nil, err
	}
	return Build(m, Inspect(ctx, m, k)), nil
}
