package mail

import (
	"strings"
	"testing"
)

// TestParserConfusionMarkupKeepsText: markup written so that a tokenizer
// swallows the rest of the mail as a style sheet or a noscript's raw text
// does not hide the lure from the checks; what a mail program shows is
// read.
func TestParserConfusionMarkupKeepsText(t *testing.T) {
	for _, c := range []struct{ name, html string }{
		{"math mglyph style", `<math><mtext><table><mglyph><style><p>Verify your Amazon account within 24 hours</p><a href="http://amazon.example.top/">Sign in</a>`},
		{"noscript attribute", `<noscript><p title="</noscript>"><p>Verify your Amazon account within 24 hours</p></noscript><a href="http://amazon.example.top/">Sign in</a>`},
	} {
		doc := extractHTML(never, []byte("<html><body>"+c.html+"</body></html>"))
		if !strings.Contains(doc.Text, "Verify your Amazon account") {
			t.Errorf("%s: text %q", c.name, doc.Text)
		}
		if len(doc.Links) != 1 || doc.Links[0].Text != "Sign in" {
			t.Errorf("%s: links %+v", c.name, doc.Links)
		}
	}
	// An ordinary style sheet and script stay out of the text.
	doc := extractHTML(never, []byte(`<html><head><style>p{color:red}</style><script>var x="Sign in"</script></head><body><svg><style>.a{fill:red}</style></svg><p>Hello</p></body></html>`))
	if strings.Contains(doc.Text, "color") || strings.Contains(doc.Text, "Sign in") || strings.Contains(doc.Text, "fill") || !strings.Contains(doc.Text, "Hello") {
		t.Errorf("style or script read as text: %q", doc.Text)
	}
}
