package check

import (
	"testing"

	"github.com/mekiki/mekiki/mail"
)

// TestSenderShape: a From domain outside the root's TLDs and the
// recipient's own address as display name are raised; a public-suffix
// domain that hosts addresses (iki.fi) and a sender's own address as
// its name are not.
func TestSenderShape(t *testing.T) {
	for _, c := range []struct {
		from, id string
		fires    bool
	}{
		{"Receita <receita@aviso>", "sender.invalid_domain", true},
		{"Receita <receita@regularizacao.invalidtld>", "sender.invalid_domain", true},
		{"Pisara <pisara@iki.fi>", "sender.invalid_domain", false},
		{"Taro <taro@example-corp.co.jp>", "sender.invalid_domain", false},
		{`"user@example-corp.co.jp" <mailer@notice.example.top>`, "sender.recipient_as_name", true},
		{`"user@example-corp.co.jp" <user@example-corp.co.jp>`, "sender.recipient_as_name", false},
		{`"info@notice.example.top" <info@notice.example.top>`, "sender.recipient_as_name", false},
	} {
		m, err := mail.ParseBytes([]byte("From: "+c.from+"\nTo: user@example-corp.co.jp\nSubject: s\n\nbody\n"), mail.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if _, got := run(m)[c.id]; got != c.fires {
			t.Errorf("%s: %s %v, want %v", c.from, c.id, got, c.fires)
		}
	}
}
