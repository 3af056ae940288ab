package check

import (
	"testing"

	"github.com/mekiki/mekiki/mail"
)

// TestListConventions: fml and majordomo posts are lists, with the list's
// address; one of their fields alone is not enough.
func TestListConventions(t *testing.T) {
	for _, c := range []struct {
		name, head string
		list       bool
		post       string
	}{
		{"fml", "X-ML-Name: study\nX-Mail-Count: 01234\nReply-To: study@lists.example-univ.ac.jp\n", true, "study@lists.example-univ.ac.jp"},
		{"fml X-Sequence", "X-ML-Name: study\nX-Sequence: study 77\n", true, ""},
		{"majordomo Sender", "Sender: owner-devel@lists.example.org\nPrecedence: bulk\n", true, "devel@lists.example.org"},
		{"majordomo Errors-To", "Errors-To: Devel Owner <owner-devel@lists.example.org>\nPrecedence: list\n", true, "devel@lists.example.org"},
		{"X-ML-Name alone", "X-ML-Name: study\n", false, ""},
		{"owner- Sender without Precedence", "Sender: owner-devel@lists.example.org\n", false, ""},
		{"Precedence: bulk alone", "Precedence: bulk\n", false, ""},
	} {
		m, err := mail.ParseBytes([]byte(c.head+"From: a@example.net\nSubject: s\n\nbody\n"), mail.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		list, post := listInfo(m.Header)
		if list != c.list || post != c.post {
			t.Errorf("%s: list %v %q, want %v %q", c.name, list, post, c.list, c.post)
		}
	}
}
