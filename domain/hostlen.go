package domain

import (
	"strings"
	"unicode/utf8"
)

// DNS bounds a host name (RFC 1035 §2.3.4): 253 characters in all, 63 to
// a label. Browsers refuse longer names, so a link with one is not a
// working address but a trick: it hides the real domain far to the right
// or makes a filter do work on every suffix.
const (
	MaxHostLength  = 253
	MaxLabelLength = 63
)

// maxRawHost is how much of an unconverted host is read: four bytes a
// character at most.
const maxRawHost = 4 * MaxHostLength

// clipLabels returns the rightmost whole labels of host that fit in max
// bytes; when even the last label is longer, its last max bytes (at a
// character boundary).
func clipLabels(host string, max int) string {
	if len(host) <= max {
		return host
	}
	tail := host[len(host)-max:]
	if i := strings.IndexByte(tail, '.'); i >= 0 && i+1 < len(tail) {
		return tail[i+1:]
	}
	for len(tail) > 0 && !utf8.RuneStart(tail[0]) {
		tail = tail[1:]
	}
	return tail
}

// longLabel reports whether host has a label longer than MaxLabelLength.
func longLabel(host string) bool {
	n := 0
	for i := 0; i < len(host); i++ {
		if host[i] == '.' {
			n = 0
			continue
		}
		if n++; n > MaxLabelLength {
			return true
		}
	}
	return false
}
