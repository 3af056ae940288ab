package mail

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html/atom"
)

// Hidden text is text a reader cannot see but a filter reads: spammers
// pad mails with it to poison word-based filters. These helpers decide,
// from inline styles, presentational attributes and simple class rules
// of <style>, whether an element hides its content.

// visibility is one open element on the HTML stack.
type visibility struct {
	tag    atom.Atom
	hidden string // why the content is hidden ("display:none"), or ""
	bg     string // background colour in force, normalised
}

// voidElements never have content or an end tag.
var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Param: true, atom.Source: true, atom.Track: true, atom.Wbr: true,
}

// styleRule matches "selectors { declarations }" in a style sheet.
var styleRule = regexp.MustCompile(`([^{}@]+)\{([^{}]*)\}`)

// hiddenClasses returns the classes that a style sheet hides, from rules
// whose selector is a plain class (".x" or "div.x"), mapped to the reason.
func hiddenClasses(css string, into map[string]string) {
	if len(css) > 64<<10 {
		css = css[:64<<10]
	}
	for _, m := range styleRule.FindAllStringSubmatch(css, 500) {
		why := declarationsHide(parseDeclarations(m[2]), "#ffffff")
		if why == "" {
			continue
		}
		for _, sel := range strings.Split(m[1], ",") {
			sel = strings.TrimSpace(sel)
			i := strings.LastIndexByte(sel, '.')
			if i < 0 || strings.ContainsAny(sel, " >+~:[") {
				continue
			}
			into[strings.ToLower(sel[i+1:])] = why
		}
	}
}

// parseDeclarations reads "a: b; c: d" into a map of lower-case names to
// lower-case values without !important.
func parseDeclarations(style string) map[string]string {
	d := map[string]string{}
	for _, decl := range strings.Split(style, ";") {
		k, v, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(strings.ToLower(v))
		v = strings.TrimSpace(strings.TrimSuffix(v, "!important"))
		d[strings.TrimSpace(strings.ToLower(k))] = v
	}
	return d
}

// elementHides says why an element hides its content, or "". bg is the
// background colour in force around it; the element's own background, if
// any, is returned for its children.
func elementHides(a atom.Atom, attrs map[string]string, classes map[string]string, bg string) (why, ownBg string) {
	ownBg = bg
	d := parseDeclarations(attrs["style"])
	if c := cssColor(firstNonEmpty(d["background-color"], backgroundColor(d["background"]), attrs["bgcolor"])); c != "" {
		ownBg = c
	}
	if _, ok := attrs["hidden"]; ok {
		return "hidden attribute", ownBg
	}
	if a == atom.Font {
		if c := cssColor(attrs["color"]); c != "" && c == ownBg {
			return "text colour " + c + " on the same background", ownBg
		}
		if s := strings.TrimSpace(attrs["size"]); s == "0" {
			return "font size 0", ownBg
		}
	}
	for _, cl := range strings.Fields(strings.ToLower(attrs["class"])) {
		if why := classes[cl]; why != "" {
			return why, ownBg
		}
	}
	return declarationsHide(d, ownBg), ownBg
}

// declarationsHide says why a set of CSS declarations hides text on
// background bg, or "".
func declarationsHide(d map[string]string, bg string) string {
	switch {
	case d["display"] == "none":
		return "display:none"
	case d["visibility"] == "hidden" || d["visibility"] == "collapse":
		return "visibility:hidden"
	case d["opacity"] != "" && cssNumber(d["opacity"]) < 0.1 && validNumber(d["opacity"]):
		return "opacity:" + d["opacity"]
	case d["font-size"] != "" && validNumber(d["font-size"]) && cssNumber(d["font-size"]) <= 1 && !strings.HasSuffix(d["font-size"], "em") && !strings.HasSuffix(d["font-size"], "%"):
		return "font-size:" + d["font-size"]
	case (d["max-height"] == "0" || d["max-height"] == "0px" || d["height"] == "0" || d["height"] == "0px") && d["overflow"] == "hidden":
		return "height 0 with overflow hidden"
	case (d["position"] == "absolute" || d["position"] == "fixed") && (offScreen(d["left"]) || offScreen(d["top"])):
		return "positioned off-screen"
	case offScreen(d["text-indent"]):
		return "text-indent:" + d["text-indent"]
	}
	if c := cssColor(d["color"]); c != "" && c == bg {
		return "text colour " + c + " on the same background"
	}
	return ""
}

func offScreen(v string) bool {
	return v != "" && validNumber(v) && cssNumber(v) <= -500
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// backgroundColor takes the colour out of a "background" shorthand.
func backgroundColor(v string) string {
	for _, f := range strings.Fields(v) {
		if cssColor(f) != "" {
			return f
		}
	}
	return ""
}

// cssNumber reads the leading number of a CSS length ("0px", "-9999px",
// ".05"); 1e9 when there is none.
func cssNumber(v string) float64 {
	end := 0
	for end < len(v) && (v[end] >= '0' && v[end] <= '9' || v[end] == '.' || v[end] == '-' || v[end] == '+') {
		end++
	}
	f, err := strconv.ParseFloat(v[:end], 64)
	if err != nil {
		return 1e9
	}
	return f
}

func validNumber(v string) bool { return cssNumber(v) != 1e9 }

// namedColors are the colour names that matter for white-on-white text.
var namedColors = map[string]string{"white": "#ffffff", "black": "#000000", "#fff": "#ffffff", "#000": "#000000"}

// cssColor normalises white and black, #rgb, #rrggbb and rgb(r,g,b) to
// #rrggbb; other values give "".
func cssColor(v string) string {
	v = strings.TrimSpace(strings.ToLower(v))
	if c, ok := namedColors[v]; ok {
		return c
	}
	switch {
	case len(v) == 7 && v[0] == '#':
		return v
	case len(v) == 4 && v[0] == '#':
		return "#" + string([]byte{v[1], v[1], v[2], v[2], v[3], v[3]})
	case strings.HasPrefix(v, "rgb(") && strings.HasSuffix(v, ")"):
		parts := strings.Split(v[4:len(v)-1], ",")
		if len(parts) != 3 {
			return ""
		}
		out := "#"
		for _, p := range parts {
			n, err := strconv.Atoi(strings.TrimSpace(p))
			if err != nil || n < 0 || n > 255 {
				return ""
			}
			out += strconv.FormatInt(int64(n)+256, 16)[1:]
		}
		return out
	}
	return ""
}
