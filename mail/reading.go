package mail

import "strings"

// ReadingText is the message's decoded text as a reader of the plain
// view sees it: the text/plain parts of the body, or, for a mail whose
// body is HTML only, the visible text of its HTML parts. Unlike Text, it
// prefers the plain alternative over the HTML one. Parts of an attached
// message are not the message's text.
func (m *Message) ReadingText() string {
	var plain, html []string
	for _, p := range m.Parts {
		if p.Attachment || p.Embedded || p.Text == "" {
			continue
		}
		if p.ContentType == "text/html" {
			html = append(html, p.Text)
		} else {
			plain = append(plain, p.Text)
		}
	}
	if len(plain) == 0 {
		plain = html
	}
	return strings.Join(plain, "\n")
}
