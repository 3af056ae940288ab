package mail

import (
	"bytes"
	"context"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Link is one link found in the message: where it really goes (Href) and
// what the reader sees (Text).
type Link struct {
	Href   string `json:"href"`
	Text   string `json:"text"`
	Source string `json:"source"` // "a", "area", "form", "meta-refresh", "text"
	Part   int    `json:"part"`   // index into Message.Parts
}

// HTMLDocument is what one HTML part or attachment yields: the
// reader-visible text, the <title>, and the links in document order.
type HTMLDocument struct {
	Text  string
	Title string
	Links []Link
	// Loose is the visible text outside links, where bare URLs are looked
	// for (a URL shown as a link's text is not a link of its own).
	Loose string
	// Hidden is the text a reader cannot see (display:none, zero size,
	// white on white, off-screen …), kept out of Text.
	Hidden string
	// HiddenWhy is the first reason text was hidden ("display:none").
	HiddenWhy string
	// Forms and PasswordInputs count <form> and <input type=password>.
	Forms, PasswordInputs int
	// Scripts is the source of inline <script> elements, at most 64 KiB.
	Scripts string
	// LinksDropped counts the links past maxDocumentLinks, not kept.
	LinksDropped int
}

// maxDocumentLinks bounds the links one HTML document yields, before
// duplicates are merged: enough for any real page, and a page of 200,000
// links costs no more.
const maxDocumentLinks = 10000

func (d *HTMLDocument) addLink(l Link) {
	if len(d.Links) >= maxDocumentLinks {
		d.LinksDropped++
		return
	}
	d.Links = append(d.Links, l)
}

// ReadHTML decodes an HTML document (an attachment) to UTF-8 with its
// declared or <meta> charset and reads it like an HTML body part.
func ReadHTML(data []byte, charset string) HTMLDocument {
	return ReadHTMLContext(context.Background(), data, charset)
}

// ReadHTMLContext is ReadHTML whose work stops when ctx ends.
func ReadHTMLContext(ctx context.Context, data []byte, charset string) HTMLDocument {
	if charset == "" {
		charset = htmlMetaCharset(data)
	}
	text, _ := decodeCharset(data, charset)
	return extractHTML(func() bool { return ctx.Err() != nil }, []byte(text))
}

// stopEvery is how many HTML tokens or text URLs are read between two
// looks at whether the work was cancelled.
const stopEvery = 1024

// rawTextElements are those the tokenizer reads as raw text up to their
// end tag.
var rawTextElements = map[atom.Atom]bool{
	atom.Iframe: true, atom.Noembed: true, atom.Noframes: true, atom.Noscript: true, atom.Plaintext: true,
	atom.Script: true, atom.Style: true, atom.Textarea: true, atom.Title: true, atom.Xmp: true,
}

// blockElements start a new line in the extracted text.
var blockElements = map[atom.Atom]bool{
	atom.Br: true, atom.P: true, atom.Div: true, atom.Tr: true, atom.Li: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Table: true, atom.Blockquote: true, atom.Hr: true, atom.Ul: true, atom.Ol: true,
	atom.Section: true, atom.Header: true, atom.Footer: true, atom.Center: true, atom.Pre: true,
}

// extractHTML walks an HTML document once with the tokenizer. Script,
// style and other non-rendered elements contribute no text. Links come
// from a[href] (with their text, or an image's alt text), area[href],
// form[action] and meta refresh, resolved against <base href> when the
// href is relative.
//
// stop is asked every stopEvery tokens; when it says so, the document
// read so far is returned.
func extractHTML(stop func() bool, doc []byte) HTMLDocument {
	var out HTMLDocument
	var text strings.Builder
	z := html.NewTokenizer(bytes.NewReader(doc))
	skipDepth := 0 // inside script/style/template/noscript
	inTitle := false
	var title strings.Builder
	base := ""
	var anchor *Link
	var anchorText, loose, hidden, styleText, scripts strings.Builder
	inScript := false
	stack := []visibility{{bg: "#ffffff"}}
	classes := map[string]string{}
	inStyle := false
	var foreign []atom.Atom // open <math> and <svg> elements
	for tokens := 1; ; tokens++ {
		tt := z.Next()
		if tokens%stopEvery == 0 && stop() {
			tt = html.ErrorToken
		}
		switch tt {
		case html.ErrorToken:
			if anchor != nil {
				anchor.Text = collapseSpace(anchorText.String())
				out.addLink(*anchor)
			}
			out.Text = tidyText(text.String())
			out.Loose = loose.String()
			out.Title = collapseSpace(title.String())
			out.Hidden = tidyText(hidden.String())
			out.Scripts = scripts.String()
			return out
		case html.TextToken:
			if inStyle && styleText.Len() < 64<<10 {
				styleText.Write(z.Text())
			}
			if inScript && scripts.Len() < 64<<10 {
				scripts.Write(z.Text())
			}
			if skipDepth > 0 {
				continue
			}
			t := string(z.Text())
			if inTitle {
				title.WriteString(t)
				continue
			}
			if top := stack[len(stack)-1]; top.hidden != "" {
				if strings.TrimSpace(t) != "" && out.HiddenWhy == "" {
					out.HiddenWhy = top.hidden
				}
				hidden.WriteString(t)
				hidden.WriteByte(' ')
				continue
			}
			text.WriteString(t)
			if anchor != nil {
				anchorText.WriteString(t)
			} else {
				loose.WriteString(t)
				loose.WriteByte(' ')
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				key := string(k)
				if _, dup := attrs[key]; !dup {
					attrs[key] = string(v)
				}
			}
			if tt == html.StartTagToken && !voidElements[a] && len(stack) < 512 {
				top := stack[len(stack)-1]
				why, bg := elementHides(a, attrs, classes, top.bg)
				if top.hidden != "" {
					why = top.hidden
				}
				stack = append(stack, visibility{tag: a, hidden: why, bg: bg})
			}
			if tt == html.StartTagToken && (a == atom.Math || a == atom.Svg) && len(foreign) < 512 {
				foreign = append(foreign, a)
			}
			if tt == html.StartTagToken && rawTextElements[a] && (len(foreign) > 0 || a == atom.Noscript) {
				// The tokenizer would read everything up to the closing tag
				// as raw text, but a browser does not: inside <math> or
				// <svg> these are ordinary elements (the markup of
				// <math><mtext><table><mglyph><style>, written to make a
				// parser swallow the rest of the mail), and a mail program,
				// which runs no script, shows what <noscript> holds.
				z.NextIsNotRawText()
				if a == atom.Noscript || a == atom.Style && foreign[len(foreign)-1] == atom.Math {
					break
				}
			}
			switch a {
			case atom.Script, atom.Style, atom.Template, atom.Object, atom.Iframe:
				if tt == html.StartTagToken {
					skipDepth++
					if a == atom.Style {
						inStyle = true
						styleText.Reset()
					}
					inScript = a == atom.Script
				}
			case atom.Title:
				inTitle = tt == html.StartTagToken
			case atom.Base:
				if base == "" {
					base = strings.TrimSpace(attrs["href"])
				}
			case atom.A:
				if anchor != nil {
					anchor.Text = collapseSpace(anchorText.String())
					out.addLink(*anchor)
					anchor = nil
				}
				if href, ok := attrs["href"]; ok && strings.TrimSpace(href) != "" {
					anchor = &Link{Href: resolveHref(base, href), Source: "a"}
					anchorText.Reset()
					if tt == html.SelfClosingTagToken {
						out.addLink(*anchor)
						anchor = nil
					}
				}
			case atom.Img:
				if anchor != nil && attrs["alt"] != "" {
					anchorText.WriteString(" " + attrs["alt"] + " ")
				}
			case atom.Area:
				if href := strings.TrimSpace(attrs["href"]); href != "" {
					out.addLink(Link{Href: resolveHref(base, href), Text: attrs["alt"], Source: "area"})
				}
			case atom.Input:
				if strings.EqualFold(strings.TrimSpace(attrs["type"]), "password") {
					out.PasswordInputs++
				}
			case atom.Form:
				out.Forms++
				if action := strings.TrimSpace(attrs["action"]); action != "" {
					out.addLink(Link{Href: resolveHref(base, action), Source: "form"})
				}
			case atom.Meta:
				if strings.EqualFold(attrs["http-equiv"], "refresh") {
					if u := refreshURL(attrs["content"]); u != "" {
						out.addLink(Link{Href: resolveHref(base, u), Source: "meta-refresh"})
					}
				}
			}
			if blockElements[a] {
				text.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			for i := len(stack) - 1; i > 0; i-- {
				if stack[i].tag == a {
					stack = stack[:i]
					break
				}
			}
			if (a == atom.Math || a == atom.Svg) && len(foreign) > 0 && foreign[len(foreign)-1] == a {
				foreign = foreign[:len(foreign)-1]
			}
			if a == atom.Style && len(foreign) > 0 && foreign[len(foreign)-1] == atom.Math {
				break // an ordinary MathML element, never skipped
			}
			switch a {
			case atom.Script, atom.Style, atom.Template, atom.Object, atom.Iframe:
				if skipDepth > 0 {
					skipDepth--
				}
				inScript = false
				if a == atom.Style && inStyle {
					inStyle = false
					hiddenClasses(styleText.String(), classes)
				}
			case atom.Title:
				inTitle = false
			case atom.A:
				if anchor != nil {
					anchor.Text = collapseSpace(anchorText.String())
					out.addLink(*anchor)
					anchor = nil
				}
			}
			if blockElements[a] {
				text.WriteByte('\n')
			}
		}
	}
}

// refreshURL takes the URL out of a meta refresh content value such as
// "0; url='http://example/'".
func refreshURL(content string) string {
	lc := lowerASCII(content)
	i := strings.Index(lc, "url")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(content[i+3:], " \t")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	return strings.Trim(strings.TrimSpace(rest[1:]), `"'`)
}

// resolveHref joins a relative href to the document's <base href>. Only
// plain path-relative joins are done: anything with a scheme stays as is.
func resolveHref(base, href string) string {
	href = strings.TrimSpace(href)
	if base == "" || strings.Contains(href, ":") || strings.HasPrefix(href, "//") || strings.HasPrefix(href, "#") {
		return href
	}
	if strings.HasPrefix(href, "/") {
		if i := strings.Index(base, "://"); i >= 0 {
			if j := strings.IndexByte(base[i+3:], '/'); j >= 0 {
				return base[:i+3+j] + href
			}
			return base + href
		}
		return href
	}
	if i := strings.LastIndexByte(base, '/'); i >= 0 && i > strings.Index(base, "://")+2 {
		return base[:i+1] + href
	}
	return strings.TrimRight(base, "/") + "/" + href
}

// tidyText trims each line and drops runs of blank lines.
func tidyText(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = collapseSpace(strings.TrimSpace(l))
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// htmlMetaCharset finds the charset declared by <meta charset> or
// <meta http-equiv="Content-Type" content="…charset=…"> in the first
// kilobytes of an HTML document.
func htmlMetaCharset(doc []byte) string {
	head := doc
	if len(head) > 4096 {
		head = head[:4096]
	}
	lower := bytes.ToLower(head)
	for off := 0; ; {
		i := bytes.Index(lower[off:], []byte("<meta"))
		if i < 0 {
			return ""
		}
		i += off
		end := bytes.IndexByte(lower[i:], '>')
		if end < 0 {
			return ""
		}
		tag := lower[i : i+end]
		if j := bytes.Index(tag, []byte("charset")); j >= 0 {
			rest := bytes.TrimLeft(tag[j+7:], " \t")
			if len(rest) > 0 && rest[0] == '=' {
				rest = bytes.Trim(bytes.TrimLeft(rest[1:], " \t"), `"'`)
				k := bytes.IndexAny(rest, "\"'; \t/")
				if k >= 0 {
					rest = rest[:k]
				}
				if len(rest) > 0 {
					return string(rest)
				}
			}
		}
		off = i + end
	}
}
