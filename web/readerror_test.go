package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mekiki/mekiki/mail"
)

// The page's sentence for an unreadable mail is Japanese through and
// through in Japanese (issue 20: 「…: input is not an e-mail message」).
func TestReadErrorJapanese(t *testing.T) {
	for _, err := range []error{mail.ErrNotMail, mail.ErrEmpty, fmt.Errorf("cannot read the message: %w", mail.ErrNotMail), fmt.Errorf("boom")} {
		ja := readError("ja", err)
		if strings.Contains(ja, "input") || strings.Contains(ja, "message") || strings.Contains(ja, "boom") || !strings.HasPrefix(ja, "メールとして読めませんでした。") {
			t.Errorf("readError(ja, %v) = %q", err, ja)
		}
		if en := readError("en", err); !strings.Contains(en, err.Error()) {
			t.Errorf("readError(en, %v) = %q", err, en)
		}
	}
}
