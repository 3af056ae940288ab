package mail

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// charsetAliases covers the labels Japanese mail uses that the WHATWG
// registry (htmlindex) does not know, or maps differently from what mail
// software means by them.
var charsetAliases = map[string]encoding.Encoding{
	"cp932":          japanese.ShiftJIS,
	"ms932":          japanese.ShiftJIS,
	"x-ms-cp932":     japanese.ShiftJIS,
	"windows-932":    japanese.ShiftJIS,
	"windows-31j":    japanese.ShiftJIS,
	"x-sjis":         japanese.ShiftJIS,
	"sjis":           japanese.ShiftJIS,
	"shift-jis":      japanese.ShiftJIS,
	"shift_jis":      japanese.ShiftJIS,
	"sjis-open":      japanese.ShiftJIS,
	"sjis-win":       japanese.ShiftJIS,
	"iso-2022-jp":    japanese.ISO2022JP,
	"iso2022jp":      japanese.ISO2022JP,
	"csiso2022jp":    japanese.ISO2022JP,
	"iso-2022-jp-1":  japanese.ISO2022JP,
	"iso-2022-jp-2":  japanese.ISO2022JP,
	"iso-2022-jp-3":  japanese.ISO2022JP,
	"iso-2022-jp-ms": japanese.ISO2022JP,
	"cp50220":        japanese.ISO2022JP,
	"cp50221":        japanese.ISO2022JP,
	"cp50222":        japanese.ISO2022JP,
	"euc-jp":         japanese.EUCJP,
	"eucjp":          japanese.EUCJP,
	"x-euc-jp":       japanese.EUCJP,
	"eucjp-ms":       japanese.EUCJP,
	"eucjp-win":      japanese.EUCJP,
	"cp51932":        japanese.EUCJP,
	"utf-8":          unicode.UTF8,
	"utf8":           unicode.UTF8,
	"iso-8859-1":     charmap.Windows1252,
	"latin1":         charmap.Windows1252,
	"latin-1":        charmap.Windows1252,
	"windows-1252":   charmap.Windows1252,
	"cp1252":         charmap.Windows1252,
}

// lookupCharset maps a MIME charset label to a decoder. It returns nil for
// labels that need sniffing (none, us-ascii) and for unknown labels.
func lookupCharset(label string) encoding.Encoding {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	if label == "" || label == "us-ascii" || label == "ascii" || label == "ansi_x3.4-1968" {
		return nil
	}
	if enc, ok := charsetAliases[label]; ok {
		return enc
	}
	if enc, err := htmlindex.Get(label); err == nil {
		return enc
	}
	return nil
}

// isJapaneseEncoding reports whether enc is one of the three Japanese
// encodings whose labels are routinely wrong in the wild.
func isJapaneseEncoding(enc encoding.Encoding) bool {
	return enc == japanese.ShiftJIS || enc == japanese.EUCJP || enc == japanese.ISO2022JP
}

// decodeCharset turns raw bytes labelled with charset label into UTF-8.
// Labels are trusted only as far as the bytes agree: 8-bit bytes under a
// 7-bit label (ISO-2022-JP, US-ASCII) or invalid UTF-8 under a UTF-8 label
// are sniffed instead, which is how Japanese mail is mislabelled in practice.
// The boolean reports whether the label was overridden by sniffing.
func decodeCharset(b []byte, label string) (text string, sniffed bool) {
	if isASCII(b) && bytes.IndexByte(b, 0x1b) < 0 {
		return string(b), false
	}
	enc := lookupCharset(label)
	switch {
	case enc == nil:
		sniffed := sniffCharset(b)
		return decodeWith(sniffed, b), label != ""
	case enc == unicode.UTF8:
		if utf8.Valid(b) || truncatedUTF8(b) {
			return strings.ToValidUTF8(string(b), "\uFFFD"), false
		}
		return decodeWith(sniffCharset(b), b), true
	case enc == japanese.ISO2022JP && has8bit(b):
		return decodeWith(sniffCharset(b), b), true
	case isJapaneseEncoding(enc):
		s := decodeWith(enc, b)
		if bad := strings.Count(s, "\uFFFD"); bad > 0 && has8bit(b) {
			// Mislabelled among the Japanese encodings (or UTF-8): take the
			// reading with fewer errors, never a non-Japanese one.
			for _, alt := range []encoding.Encoding{japanese.ShiftJIS, japanese.EUCJP, unicode.UTF8} {
				if alt == enc {
					continue
				}
				if t := decodeWith(alt, b); strings.Count(t, "\uFFFD") < bad {
					s, bad = t, strings.Count(t, "\uFFFD")
					sniffed = true
				}
			}
		}
		return s, sniffed
	}
	return decodeWith(enc, b), false
}

func decodeWith(enc encoding.Encoding, b []byte) string {
	if enc == unicode.UTF8 {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(out)
}

// sniffCharset guesses the encoding of unlabelled or mislabelled bytes:
// valid UTF-8 first, then ISO-2022-JP escapes, then whichever of Shift_JIS
// and EUC-JP decodes with fewer errors and fewer stray half-width katakana
// (the tell of EUC-JP read as Shift_JIS), then Windows-1252.
func sniffCharset(b []byte) encoding.Encoding {
	if !has8bit(b) && (bytes.Contains(b, []byte("\x1b$B")) || bytes.Contains(b, []byte("\x1b$@")) || bytes.Contains(b, []byte("\x1b(I"))) {
		return japanese.ISO2022JP
	}
	if utf8.Valid(b) {
		return unicode.UTF8
	}
	sj := japaneseBadness(decodeWith(japanese.ShiftJIS, b))
	eu := japaneseBadness(decodeWith(japanese.EUCJP, b))
	best, score := encoding.Encoding(japanese.ShiftJIS), sj
	if eu < sj {
		best, score = japanese.EUCJP, eu
	}
	// Far more errors than bytes suggest this is not Japanese at all.
	if score*4 > len(b) {
		return charmap.Windows1252
	}
	return best
}

// japaneseBadness scores how implausible a decoded string is as Japanese
// text: replacement characters weigh heavily, half-width katakana and
// private-use code points lightly.
func japaneseBadness(s string) int {
	bad := 0
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			bad += 4
		case r >= 0xFF61 && r <= 0xFF9F:
			bad++
		case r >= 0xE000 && r <= 0xF8FF:
			bad += 2
		}
	}
	return bad
}

// truncatedUTF8 reports whether b is valid UTF-8 but for a character cut
// off at the end (a truncated encoded-word or part).
func truncatedUTF8(b []byte) bool {
	for k := 1; k <= 3 && k < len(b); k++ {
		if b[len(b)-k] >= 0xC0 {
			return utf8.Valid(b[:len(b)-k])
		}
	}
	return false
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func has8bit(b []byte) bool { return !isASCII(b) }
