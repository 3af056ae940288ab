package check

import (
	"testing"

	"github.com/mekiki/mekiki/mail"
)

// TestMalformedStructure: damage honest mailers rarely produce fires;
// honest oddities stay quiet.
func TestMalformedStructure(t *testing.T) {
	run := func(damage string) []Finding {
		raw := []byte("From: shop@example.co.jp\nSubject: order\nContent-Type: multipart/mixed; boundary=b1\n\n--b1\n" + damage +
			"Content-Type: text/plain; charset=utf-8\n\nbody\n--b1--\n")
		m, err := mail.ParseBytes(raw, mail.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		return structureCheck.Run(&Input{Msg: m})
	}
	for _, damage := range []string{"no colon here\n", "X-Pad: a\x00b\n", "X-Pad: a\rb\n"} {
		f := run(damage)
		if len(f) != 1 || f[0].ID != "mail.malformed_structure" || f[0].Severity != Low {
			t.Errorf("%q: findings %+v", damage, f)
		}
	}
	// Honest oddities stay quiet: a missing close delimiter, a line of
	// spaces before the body.
	if f := run(""); len(f) != 0 {
		t.Errorf("clean part: %+v", f)
	}
	raw := []byte("From: a@example.co.jp\nContent-Type: multipart/mixed; boundary=b1\n \n--b1\nContent-Type: text/plain\n\nbody\n")
	m, err := mail.ParseBytes(raw, mail.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if f := structureCheck.Run(&Input{Msg: m}); len(f) != 0 {
		t.Errorf("honest oddities: %+v", f)
	}
}
