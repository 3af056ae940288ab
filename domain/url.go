package domain

import "strings"

// HostOfURL returns the host part of a URL-like string ("https://user@Host:8080/x"
// → "host"), or "" when it has none. Backslashes count as slashes, as
// browsers treat them.
func HostOfURL(u string) string {
	s := strings.TrimSpace(u)
	s = strings.ReplaceAll(s, `\`, "/")
	lower := strings.ToLower(s)
	switch {
	case strings.HasPrefix(lower, "mailto:"), strings.HasPrefix(lower, "tel:"),
		strings.HasPrefix(lower, "javascript:"), strings.HasPrefix(lower, "data:"), strings.HasPrefix(lower, "cid:"):
		return ""
	}
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	} else if strings.HasPrefix(s, "//") {
		s = s[2:]
	} else if !strings.HasPrefix(lower, "www.") {
		return ""
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if strings.HasPrefix(s, "[") {
		if i := strings.IndexByte(s, ']'); i >= 0 {
			return strings.ToLower(s[1:i])
		}
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	return Normalize(s)
}
