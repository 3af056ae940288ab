package attach

import (
	"bufio"
	"bytes"
	"regexp"
	"strings"

	"github.com/mekiki/mekiki/mail"
)

// scriptRedirect finds a script that sends the browser elsewhere, and
// the obfuscation phishing pages wrap around it.
var scriptRedirect = regexp.MustCompile(`(?i)((?:window\.|document\.|top\.|self\.)?location(?:\.href)?\s*=\s*["'][^"']{4,}|location\.(?:replace|assign)\s*\(|window\.open\s*\(|document\.write\s*\(\s*(?:unescape|atob|decodeURIComponent)|eval\s*\(\s*(?:atob|unescape)|\batob\s*\()`)

// html reads an HTML attachment like an HTML body: its visible text and
// links, its forms and password fields, and redirects by script or meta
// refresh.
func (in *inspector) html(info *Info, data []byte) {
	doc := mail.ReadHTMLContext(in.ctx, data, "")
	info.Text = doc.Text
	info.Forms = doc.Forms
	info.PasswordInputs = doc.PasswordInputs
	info.LinksDropped += doc.LinksDropped
	for _, l := range doc.Links {
		in.link(info, Link{URL: l.Href, Text: l.Text, Texts: l.Texts, Source: "html"})
		if l.Source == "meta-refresh" && info.Redirect == "" {
			info.Redirect = "meta refresh to " + l.Href
		}
	}
	for _, l := range doc.Images {
		in.link(info, Link{URL: l.Href, Source: mail.ImageSource})
	}
	if m := scriptRedirect.FindString(doc.Scripts); m != "" && info.Redirect == "" {
		info.Redirect = "script: " + strings.TrimSpace(m)
	}
}

// shortcut reads the target of a Windows Internet shortcut (.url):
// "[InternetShortcut]" then "URL=…".
func (in *inspector) shortcut(info *Info, data []byte) {
	if !bytes.Contains(data[:min(len(data), 4096)], []byte("[InternetShortcut]")) {
		return
	}
	sc := bufio.NewScanner(bytes.NewReader(data[:min(len(data), 64<<10)]))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if len(line) > 4 && strings.EqualFold(line[:4], "url=") {
			in.link(info, Link{URL: strings.TrimSpace(line[4:]), Source: "shortcut"})
		}
	}
}
