package web

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	xhtml "golang.org/x/net/html"

	"github.com/mekiki/mekiki/mail"
)

// previewPolicy keeps structure and text only: no scripts, no styles
// (CSS can load URLs and run expressions), no images, no links, no forms.
var previewPolicy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "div", "span", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
		"b", "i", "u", "s", "strong", "em", "small", "big", "sub", "sup", "h1", "h2", "h3", "h4", "h5", "h6",
		"ul", "ol", "li", "dl", "dt", "dd", "pre", "code", "blockquote", "hr", "center", "font")
	p.AllowAttrs("class").Matching(bluemonday.SpaceSeparatedTokens).OnElements("span")
	p.AllowAttrs("colspan", "rowspan").Matching(bluemonday.Integer).OnElements("td", "th")
	return p
}()

// maxPreview bounds the HTML a preview renders.
const maxPreview = 512 << 10

// Preview returns a safe rendering of the message body: its first HTML
// part with every link turned into visible text plus its real address,
// every image into a placeholder, then sanitised; or the plain text.
// It is shown in a sandboxed iframe whose own policy forbids any load.
func Preview(m *mail.Message) string {
	for _, p := range m.Parts {
		if p.HTML != "" {
			src := p.HTML
			if len(src) > maxPreview {
				src = src[:maxPreview]
			}
			return previewPolicy.Sanitize(defangHTML(src))
		}
	}
	return "<pre>" + html.EscapeString(m.Text) + "</pre>"
}

// defangHTML rewrites <a href=X>T</a> as T⟨X⟩ and <img alt=A> as [画像: A],
// before sanitising, so the reader sees where each link goes and nothing
// is fetched.
func defangHTML(src string) string {
	var out bytes.Buffer
	z := xhtml.NewTokenizer(strings.NewReader(src))
	var hrefs []string
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return out.String()
		}
		t := z.Token()
		switch {
		case (tt == xhtml.StartTagToken || tt == xhtml.SelfClosingTagToken) && t.Data == "a":
			href := ""
			for _, a := range t.Attr {
				if a.Key == "href" {
					href = a.Val
				}
			}
			hrefs = append(hrefs, href)
			out.WriteString(`<span class="link">`)
		case tt == xhtml.EndTagToken && t.Data == "a":
			if n := len(hrefs); n > 0 {
				out.WriteString(`</span>`)
				if hrefs[n-1] != "" {
					fmt.Fprintf(&out, ` <span class="href">[%s]</span>`, html.EscapeString(hrefs[n-1]))
				}
				hrefs = hrefs[:n-1]
			}
		case (tt == xhtml.StartTagToken || tt == xhtml.SelfClosingTagToken) && t.Data == "img":
			alt := ""
			for _, a := range t.Attr {
				if a.Key == "alt" {
					alt = a.Val
				}
			}
			fmt.Fprintf(&out, `<span class="img">[画像: %s]</span>`, html.EscapeString(alt))
		default:
			out.WriteString(t.String())
		}
	}
}
