package mail

import (
	"bytes"
	"context"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Link is one link found in the message: where it really goes (Href, the
// absolute URL a browser opens) and what the reader sees (Text).
type Link struct {
	Href string `json:"href"`
	Text string `json:"text"`
	// Texts are the other distinct texts shown over the same Href (one
	// href under several anchors), at most maxLinkTexts-1 of them.
	Texts  []string `json:"texts,omitempty"`
	Source string   `json:"source"` // "a", "area", "form", "meta-refresh", "text", or ImageSource
	Part   int      `json:"part"`   // index into Message.Parts
}

// ImageSource is the Source of an image the message loads (<img src>):
// not a link the reader clicks, but a host the mail program contacts.
const ImageSource = "img"

// maxLinkTexts bounds the distinct texts kept for one href: one URL under
// 100,000 different anchors keeps sixteen of them.
const maxLinkTexts = 16

// Merge folds another occurrence of the same href into l: a link the
// reader clicks outranks an image, a text outranks none (the same URL
// often comes as an HTML link and again as bare text in the plain
// alternative), and every further distinct text (o's Text and Texts) is
// kept, up to maxLinkTexts, so that each is compared with where the link
// goes.
func (l *Link) Merge(o Link) {
	l.mergeText(o)
	for _, t := range o.Texts {
		l.mergeText(Link{Href: o.Href, Text: t, Source: o.Source, Part: o.Part})
	}
}

func (l *Link) mergeText(o Link) {
	if l.Source == ImageSource && o.Source != ImageSource {
		l.Source, l.Part = o.Source, o.Part
	}
	if o.Text == "" || o.Text == l.Text || slices.Contains(l.Texts, o.Text) {
		return
	}
	if l.Text == "" {
		l.Text, l.Source, l.Part = o.Text, o.Source, o.Part
		return
	}
	if len(l.Texts) < maxLinkTexts-1 {
		l.Texts = append(l.Texts, o.Text)
	}
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
	// Images are the images the document loads (<img src>), in document
	// order, Source ImageSource.
	Images []Link
	// LinksDropped counts the links and images past maxDocumentLinks, not
	// kept.
	LinksDropped int
}

// maxDocumentLinks bounds the links and images one HTML document yields,
// before duplicates are merged: enough for any real page, and a page of
// 200,000 links costs no more.
const maxDocumentLinks = 10000

// addLink keeps a link or image as written; resolve makes it absolute once
// the document's <base href> is known.
func (d *HTMLDocument) addLink(l Link) {
	if len(d.Links)+len(d.Images) >= maxDocumentLinks {
		d.LinksDropped++
		return
	}
	if l.Source == ImageSource {
		d.Images = append(d.Images, l)
		return
	}
	d.Links = append(d.Links, l)
}

// resolve turns every href into the absolute URL a browser opens,
// against the document's first <base href> wherever it stands (a browser
// applies it to the whole document), and drops the links that lead
// nowhere outside the message (relative links without a base, in-page
// anchors) and the images that no server serves (cid:, data:).
func (d *HTMLDocument) resolve(rawBase string) {
	base := ""
	if rawBase != "" {
		if b := resolveHref("", rawBase); strings.Contains(b, "://") {
			base = b
		}
	}
	keep := func(links []Link, images bool) []Link {
		out := links[:0]
		for _, l := range links {
			l.Href = resolveHref(base, l.Href)
			if l.Href == "" || images && !strings.Contains(l.Href, "://") {
				continue
			}
			out = append(out, l)
		}
		return out
	}
	d.Links = keep(d.Links, false)
	d.Images = keep(d.Images, true)
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
// form[action] and meta refresh, images from img[src], all resolved the
// way a browser reads them (resolveHref).
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
			out.resolve(base)
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
					anchor = &Link{Href: href, Source: "a"}
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
				if src := strings.TrimSpace(attrs["src"]); src != "" {
					out.addLink(Link{Href: src, Source: ImageSource})
				}
			case atom.Area:
				if href := strings.TrimSpace(attrs["href"]); href != "" {
					out.addLink(Link{Href: href, Text: attrs["alt"], Source: "area"})
				}
			case atom.Input:
				if strings.EqualFold(strings.TrimSpace(attrs["type"]), "password") {
					out.PasswordInputs++
				}
			case atom.Form:
				out.Forms++
				if action := strings.TrimSpace(attrs["action"]); action != "" {
					out.addLink(Link{Href: action, Source: "form"})
				}
			case atom.Meta:
				if strings.EqualFold(attrs["http-equiv"], "refresh") {
					if u := refreshURL(attrs["content"]); u != "" {
						out.addLink(Link{Href: u, Source: "meta-refresh"})
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
