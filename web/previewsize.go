package web

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
)

// previewHeights are the heights in pixels (CSS classes pv-140 …
// pv-640 in app.css) the preview frame can take. The frame is sandboxed
// without scripts and of another origin, so the page cannot measure it:
// its height is estimated here from the text it shows, and anything
// longer scrolls inside it (the reader can also drag it taller).
var previewHeights = []int{140, 200, 260, 340, 440, 560, 640}

// previewLineWidth is how many narrow characters one line of the frame
// holds at its usual width (wide ones, such as Japanese, count two);
// previewLineHeight and previewMargin are a line's height and the frame's
// margins in pixels.
const (
	previewLineWidth  = 90
	previewLineHeight = 19
	// previewPreLineHeight is a line of plain text (<pre>, monospace).
	previewPreLineHeight = 16
	previewMargin        = 24
	previewBlockMargin   = 14
)

// spaced are the elements a browser sets apart with margins.
var spaced = map[string]bool{"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "dl": true, "blockquote": true, "pre": true, "table": true}

// previewSize is the class that sizes the frame for the sanitised
// preview: the smallest height that holds its estimated lines, else the
// largest.
func previewSize(preview string) string {
	lines, preLines, blocks := previewLines(preview)
	want := lines*previewLineHeight + preLines*previewPreLineHeight + blocks*previewBlockMargin + previewMargin
	for _, h := range previewHeights {
		if want <= h {
			return "pv-" + strconv.Itoa(h)
		}
	}
	return "pv-" + strconv.Itoa(previewHeights[len(previewHeights)-1])
}

// previewLines estimates the lines the preview shows (each block of text
// wrapped at previewLineWidth), those of them in <pre>, and counts the
// blocks set apart by margins.
func previewLines(preview string) (lines, preLines, blocks int) {
	width := 0
	pre := false
	count := func(n int) {
		if pre {
			preLines += n
		} else {
			lines += n
		}
	}
	end := func() {
		if width > 0 {
			count((width + previewLineWidth - 1) / previewLineWidth)
		}
		width = 0
	}
	z := xhtml.NewTokenizer(strings.NewReader(preview))
	for {
		switch tt := z.Next(); tt {
		case xhtml.ErrorToken:
			end()
			return lines, preLines, blocks
		case xhtml.TextToken:
			text := string(z.Text())
			if !pre {
				text = strings.Join(strings.Fields(text), " ")
			}
			for i, line := range strings.Split(text, "\n") {
				if i > 0 {
					if width == 0 {
						count(1) // an empty line
					}
					end()
				}
				width += textWidth(line)
			}
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			if breaks[string(name)] {
				end()
			}
			if string(name) == "pre" {
				pre = tt == xhtml.StartTagToken
			}
			if tt == xhtml.StartTagToken && spaced[string(name)] {
				blocks++
			}
		}
	}
}

// textWidth counts s in narrow characters: East Asian wide ones count two.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || r >= 0xFF00 && r <= 0xFF60 || r >= 0x3000 && r <= 0x303F) {
			n += 2
		} else if r != utf8.RuneError {
			n++
		}
	}
	return n
}
