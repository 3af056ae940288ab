package show

import (
	"bytes"
	"context"
	"testing"

	"github.com/mekiki/mekiki/internal/hostile"
	"github.com/mekiki/mekiki/mail"
)

// TestHostileMailsViewBounded replays the hostile senders' mails: each
// view keeps within its bounds and says what it left out.
func TestHostileMailsViewBounded(t *testing.T) {
	for _, c := range []struct {
		name string
		raw  []byte
	}{
		{"brand name ×1,000,000", hostile.BrandRepeat(1_000_000)},
		{"host of 1,000,000 labels", hostile.LongHost(1_000_000)},
		{"zip of 1,000 zips of 1,000 entries", hostile.ZipMail(hostile.NestedZip(1000, 1000))},
		{"450,000 text links", hostile.TextLinks(450_000)},
		{"40,000 links", hostile.BrandLinks(40_000)},
		{"HTML attachment of 200,000 links", hostile.AttachmentMail("text/html", "page%d.html", hostile.HTMLAttachment(200_000))},
		{"NUL in the name", hostile.ControlInName(0)},
	} {
		v, err := Read(context.Background(), bytes.NewReader(c.raw), mail.Limits{}, nil)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		links, entries := len(v.Links), 0
		for _, a := range v.Attachments {
			links += len(a.Links)
			entries += len(a.Entries)
		}
		if links > MaxLinks || entries > MaxEntries || len(v.Text) > MaxText {
			t.Errorf("%s: %d links, %d entries, %d bytes of text", c.name, links, entries, len(v.Text))
		}
		var js, text bytes.Buffer
		JSON(&js, v)
		Text(&text, v, "en")
		if js.Len() > 8<<20 || text.Len() > 8<<20 {
			t.Errorf("%s: %d bytes of mail give %d bytes of JSON, %d of text", c.name, len(c.raw), js.Len(), text.Len())
		}
		if bytes.ContainsAny(text.Bytes(), "\x00\x1b") {
			t.Errorf("%s: a control character reached the text view", c.name)
		}
	}
}
