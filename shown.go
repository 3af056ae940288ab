package mekiki

import "github.com/mekiki/mekiki/check"

// Bounds on what a report repeats from the message, so that its JSON,
// text and HTML renderings stay small for any input: an href of 2 MB or
// a subject of a megabyte is cut, marked with "…".
const (
	maxShownURL  = check.MaxShownURL
	maxShownText = 1024
)

// clipped cuts s to at most n bytes, at a character boundary, marked.
func clipped(s string, n int) string { return check.Clip(s, n) }
