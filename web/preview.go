package web

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

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

// maxPreview bounds the HTML (or text) a preview renders.
const maxPreview = 512 << 10

// Preview returns a safe rendering of the message body: its first HTML
// part with every link turned into visible text plus its real address,
// every image into a placeholder, then sanitised; or the plain text.
// It is shown in a sandboxed iframe whose own policy forbids any load.
//
// Markup written to confuse parsers (a <style> opened inside MathML, a
// <noscript> whose attribute closes it) can make the sanitiser drop the
// text a mail client still shows. When the sanitised HTML shows less than
// half of the text the part holds, that text follows it as plain
// paragraphs, so the preview is never blanked.
func Preview(m *mail.Message) string {
	for _, p := range m.Parts {
		if p.HTML != "" {
			src := truncate(p.HTML, maxPreview)
			out := previewPolicy.Sanitize(defangHTML(src))
			if text := bodyText(src, 0); hidesText(out, text) {
				out += rescuedText(text)
			}
			return out
		}
	}
	return "<pre>" + html.EscapeString(truncate(m.Text, maxPreview)) + "</pre>"
}

// truncate cuts s to at most n bytes, at a character boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// hidesText reports whether the sanitised preview shows less than half
// of the text the source holds (and that text is more than a few words).
func hidesText(preview, text string) bool {
	want := letters(text)
	return want >= 20 && 2*letters(visibleText(preview)) < want
}

// letters counts the characters of s that are not white space.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// visibleText is the text of sanitised HTML, whose every element shows
// its text.
func visibleText(sanitised string) string {
	var b strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(sanitised))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.TextToken:
			b.Write(z.Text())
		}
	}
}

// rawTextElements are those whose content the tokenizer reads as text
// up to their end tag: the place where parsers disagree, and where a
// confused sanitiser loses the rest of a mail.
var rawTextElements = map[string]bool{"style": true, "script": true, "noscript": true, "noembed": true, "noframes": true,
	"iframe": true, "xmp": true, "textarea": true, "title": true, "plaintext": true}

// notShown are the raw-text elements whose plain content no reader
// sees (style sheets, scripts, the window title, a frame's fallback).
var notShown = map[string]bool{"style": true, "script": true, "title": true, "iframe": true}

// breaks start a new paragraph in bodyText.
var breaks = map[string]bool{"p": true, "br": true, "div": true, "tr": true, "li": true, "table": true, "blockquote": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "hr": true, "pre": true, "center": true}

// bodyText is every piece of text of an HTML source a reader might be
// shown, lines at block boundaries. Unlike a browser, it reads the content
// of a raw-text element that holds markup as markup again (to depth 4),
// so no parser confusion hides text from it; script content is never
// taken, and neither is a style sheet or title without markup.
func bodyText(src string, depth int) string {
	var b strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(src))
	raw := ""
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.TextToken:
			text := string(z.Text())
			switch {
			case raw == "":
				b.WriteString(text)
			case raw == "script":
			case strings.ContainsRune(text, '<') && depth < 4:
				b.WriteString("\n" + bodyText(text, depth+1) + "\n")
			case !notShown[raw]:
				b.WriteString(text)
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken, xhtml.EndTagToken:
			bname, _ := z.TagName()
			name := string(bname)
			if breaks[name] {
				b.WriteByte('\n')
			}
			if tt != xhtml.EndTagToken && rawTextElements[name] {
				raw = name
				continue
			}
		}
		raw = ""
	}
}

// rescuedText shows text as escaped paragraphs under a note in both
// languages (the preview does not know the page's).
func rescuedText(text string) string {
	var b strings.Builder
	b.WriteString(`<div class="rescued"><p class="note">このメールの HTML には、安全な表示では文字が消えてしまう書き方があります。以下は本文の文字です。` +
		`<br>This mail's HTML is written so that a safe rendering loses its text; here is the text.</p>`)
	for _, line := range strings.Split(text, "\n") {
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			b.WriteString("<p>" + html.EscapeString(line) + "</p>")
		}
	}
	b.WriteString("</div>")
	return b.String()
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
