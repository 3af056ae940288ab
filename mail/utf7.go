package mail

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeUTF7 reads UTF-7 (RFC 2152): "+" starts modified base64 of
// UTF-16BE, ended by "-" (which is dropped) or any character outside the
// base64 alphabet; "+-" is a plus sign. Bad input becomes U+FFFD.
func decodeUTF7(b []byte) string {
	var out strings.Builder
	out.Grow(len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '+' {
			if c >= 0x80 {
				out.WriteRune(utf8.RuneError)
			} else {
				out.WriteByte(c)
			}
			continue
		}
		j := i + 1
		for j < len(b) && base64Value(b[j]) >= 0 {
			j++
		}
		if j == i+1 {
			if j < len(b) && b[j] == '-' {
				out.WriteByte('+')
				i = j
				continue
			}
			out.WriteByte('+')
			continue
		}
		writeUTF7Run(&out, b[i+1:j])
		if j < len(b) && b[j] == '-' {
			j++
		}
		i = j - 1
	}
	return out.String()
}

// writeUTF7Run decodes one modified-base64 run of UTF-16BE code units.
func writeUTF7Run(out *strings.Builder, run []byte) {
	var units []uint16
	var acc uint32
	bits := 0
	for _, c := range run {
		acc = acc<<6 | uint32(base64Value(c))
		bits += 6
		if bits >= 16 {
			bits -= 16
			units = append(units, uint16(acc>>uint(bits)))
			acc &= 1<<uint(bits) - 1
		}
	}
	for _, r := range utf16.Decode(units) {
		out.WriteRune(r)
	}
}

func base64Value(c byte) int {
	switch {
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 26
	case c >= '0' && c <= '9':
		return int(c-'0') + 52
	case c == '+':
		return 62
	case c == '/':
		return 63
	}
	return -1
}
