package mail

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
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

// utf16Mail and utf32Mail read UTF-16 and UTF-32 as MIME means them
// (RFC 2781): big-endian unless a byte-order mark says otherwise.
var (
	utf16Mail = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	utf32Mail = utf32.UTF32(utf32.BigEndian, utf32.UseBOM)
)

// utf7 stands for UTF-7 (RFC 2152), which x/text does not decode; decodeWith
// reads it with decodeUTF7.
var utf7 encoding.Encoding = &struct{ encoding.Encoding }{encoding.Nop}

// labelAliases are further labels mail uses, mapped to a decoder. GB2312
// and GBK are read as GB18030, their superset, as mail programs do.
var labelAliases = map[string]encoding.Encoding{
	"utf-16":            utf16Mail,
	"utf16":             utf16Mail,
	"ucs-2":             utf16Mail,
	"utf-16be":          unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM),
	"utf-16le":          unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM),
	"utf-32":            utf32Mail,
	"utf32":             utf32Mail,
	"ucs-4":             utf32Mail,
	"utf-32be":          utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM),
	"utf-32le":          utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM),
	"gb2312":            simplifiedchinese.GB18030,
	"gbk":               simplifiedchinese.GB18030,
	"x-gbk":             simplifiedchinese.GB18030,
	"cp936":             simplifiedchinese.GB18030,
	"utf-7":             utf7,
	"utf7":              utf7,
	"unicode-1-1-utf-7": utf7,
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
	if enc, ok := labelAliases[label]; ok {
		return enc
	}
	if enc, err := htmlindex.Get(label); err == nil {
		return enc
	}
	// koi8_r, iso_8859-5: mailers write underscores for hyphens.
	if alt := strings.ReplaceAll(label, "_", "-"); alt != label {
		return lookupCharset(alt)
	}
	return nil
}

// isJapaneseEncoding reports whether enc is one of the three Japanese
// encodings whose labels are routinely wrong in the wild.
func isJapaneseEncoding(enc encoding.Encoding) bool {
	return enc == japanese.ShiftJIS || enc == japanese.EUCJP || enc == japanese.ISO2022JP
}

// isWideEncoding reports whether enc reads bytes that are not ASCII-based
// (UTF-16, UTF-32, UTF-7), so that ASCII-looking bytes still need it.
func isWideEncoding(enc encoding.Encoding) bool {
	switch enc {
	case utf7, utf16Mail, utf32Mail:
		return true
	}
	for _, k := range []string{"utf-16be", "utf-16le", "utf-32be", "utf-32le"} {
		if enc == labelAliases[k] {
			return true
		}
	}
	return false
}

// decodeCharset turns raw bytes labelled with charset label into UTF-8.
// The boolean reports whether the label was overridden by sniffing.
func decodeCharset(b []byte, label string) (text string, sniffed bool) {
	return decodeCharsetFallback(b, label, "", noCarrier)
}

// decodeCharsetFallback is decodeCharset with the charset to read
// unlabelled 8-bit bytes in when they show no evidence of UTF-8 or
// Japanese (the charset the message's header words declare), or "" for
// Windows-1252, and the phone carrier whose mail domain sent it (or
// noCarrier), whose table reads its emoji.
//
// Labels are trusted only as far as the bytes agree, and bytes are read
// by runs, so that one bad byte spoils only itself: 8-bit bytes under
// ISO-2022-JP with its escapes are stray bytes; without escapes they are
// mislabelled Shift_JIS or EUC-JP; UTF-8 with a few bad bytes stays UTF-8;
// text that is clearly UTF-8 (valid, with multi-byte characters)
// overrules any other label; Japanese labels are compared with each other
// and the reading with fewer errors wins.
func decodeCharsetFallback(b []byte, label, fallback string, carrier int) (text string, sniffed bool) {
	enc := lookupCharset(label)
	if enc != nil && isWideEncoding(enc) {
		return decodeWith(enc, b, carrier), false
	}
	if isASCII(b) && bytes.IndexByte(b, 0x1b) < 0 && (enc != japanese.ISO2022JP || bytes.IndexByte(b, 0x0e) < 0) {
		return string(b), false
	}
	u := readUTF8Stats(b)
	switch {
	case enc == nil:
		guess := sniffCharset(b, u)
		if guess == charmap.Windows1252 {
			if fb := lookupCharset(fallback); fb != nil && !isJapaneseEncoding(fb) && fb != unicode.UTF8 && !isWideEncoding(fb) {
				guess = fb
			}
		}
		return decodeWith(guess, b, carrier), label != ""
	case enc == unicode.UTF8:
		if u.mostlyUTF8() {
			return decodeUTF8(b, carrier), false
		}
		return decodeWith(sniffCharset(b, u), b, carrier), true
	case enc == japanese.ISO2022JP && has8bit(b):
		if !hasJISEscapes(b) {
			if guess := sniffCharset(b, u); guess != charmap.Windows1252 && guess != japanese.ISO2022JP {
				return decodeWith(guess, b, carrier), true
			}
		}
		// Stray 8-bit bytes in ISO-2022-JP: each spoils only itself.
		return decodeISO2022JP(b, carrier), false
	case isJapaneseEncoding(enc):
		s := decodeWith(enc, b, carrier)
		if bad := strings.Count(s, "\uFFFD"); bad > 0 && has8bit(b) {
			// Mislabelled among the Japanese encodings (or UTF-8): take the
			// reading with fewer errors, never a non-Japanese one.
			for _, alt := range []encoding.Encoding{japanese.ShiftJIS, japanese.EUCJP, unicode.UTF8} {
				if alt == enc {
					continue
				}
				if t := decodeWith(alt, b, carrier); strings.Count(t, "\uFFFD") < bad {
					s, bad = t, strings.Count(t, "\uFFFD")
					sniffed = true
				}
			}
		}
		return s, sniffed
	case u.clearlyUTF8():
		// UTF-8 labelled windows-1251 or Latin-1: the bytes win.
		return decodeUTF8(b, carrier), true
	}
	return decodeWith(enc, b, carrier), false
}

// decodeWith decodes b in enc, reading the emoji of carrier (or
// noCarrier).
func decodeWith(enc encoding.Encoding, b []byte, carrier int) string {
	switch enc {
	case unicode.UTF8:
		return decodeUTF8(b, carrier)
	case japanese.ShiftJIS:
		return decodeShiftJISFor(b, carrier)
	case japanese.ISO2022JP:
		return decodeISO2022JP(b, carrier)
	case utf7:
		return decodeUTF7(b)
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(out)
}

// hasJISEscapes reports whether b holds an ISO-2022-JP escape to a
// Japanese character set.
func hasJISEscapes(b []byte) bool {
	return bytes.Contains(b, []byte("\x1b$B")) || bytes.Contains(b, []byte("\x1b$@")) || bytes.Contains(b, []byte("\x1b(I"))
}

// sniffCharset guesses the encoding of unlabelled or mislabelled bytes:
// ISO-2022-JP escapes first, then UTF-8 (valid, or mostly valid), then
// whichever of Shift_JIS and EUC-JP shows Japanese with evidence (kana,
// symbols and first-level kanji rather than the second-level kanji that
// accented Latin letters make), then Windows-1252.
func sniffCharset(b []byte, u utf8Stats) encoding.Encoding {
	if hasJISEscapes(b) && (!has8bit(b) || !u.mostlyUTF8()) {
		return japanese.ISO2022JP
	}
	if u.bad == 0 || u.mostlyUTF8() {
		return unicode.UTF8
	}
	sj := sjisEvidence(b)
	eu := japaneseBadness(decodeWith(japanese.EUCJP, b, noCarrier))
	sjBad := japaneseBadness(decodeWith(japanese.ShiftJIS, b, noCarrier))
	// EUC-JP needs two high bytes in a row: Latin text rarely makes it.
	if eu < sjBad && eu*4 <= len(b) && eucKana(b) > 0 {
		return japanese.EUCJP
	}
	if sj.plausible() && sjBad*4 <= len(b) {
		return japanese.ShiftJIS
	}
	if eu*4 <= len(b) && eu < sjBad {
		return japanese.EUCJP
	}
	return charmap.Windows1252
}

// sjisStats counts what Shift_JIS reading of bytes finds.
type sjisStats struct {
	common int // pairs of kana, symbols and first-level kanji (lead 0x81–0x9F)
	rare   int // second-level kanji (lead 0xE0–0xEF), where à–ï fall in Latin-1
	bad    int // bytes that are no Shift_JIS
}

// plausible reports whether the bytes read as Japanese rather than as
// accented Latin text ("içi" is one second-level kanji, 輅).
func (s sjisStats) plausible() bool {
	return s.common >= 2 && s.common >= 2*(s.rare+s.bad)
}

func sjisEvidence(b []byte) sjisStats {
	var s sjisStats
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c < 0x80:
		case c >= 0xA1 && c <= 0xDF: // half-width katakana
			s.rare++
		case (c >= 0x81 && c <= 0x9F || c >= 0xE0 && c <= 0xFC) && i+1 < len(b) && b[i+1] >= 0x40 && b[i+1] <= 0xFC && b[i+1] != 0x7F:
			if c <= 0x9F || c >= 0xF0 {
				s.common++
			} else {
				s.rare++
			}
			i++
		default:
			s.bad++
		}
	}
	return s
}

// eucKana counts EUC-JP kana pairs (rows 4 and 5).
func eucKana(b []byte) int {
	n := 0
	for i := 0; i+1 < len(b); i++ {
		if (b[i] == 0xA4 || b[i] == 0xA5) && b[i+1] >= 0xA1 && b[i+1] <= 0xFE {
			n++
			i++
		}
	}
	return n
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

// utf8Stats counts what a UTF-8 reading of bytes finds.
type utf8Stats struct {
	multi int // valid multi-byte characters
	bad   int // broken sequences
}

func readUTF8Stats(b []byte) utf8Stats {
	var u utf8Stats
	for i := 0; i < len(b); {
		if b[i] < 0x80 {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			if _, used := joinSplitRune(b[i:]); used > 0 {
				u.multi++
				i += used
				continue
			}
			// One broken sequence: its lead and the continuation bytes
			// after it count once.
			u.bad++
			for i++; i < len(b) && b[i] >= 0x80 && b[i] <= 0xBF; i++ {
			}
			continue
		}
		u.multi++
		i += n
	}
	return u
}

// mostlyUTF8 reports whether the bytes are UTF-8 with a few bad bytes
// (a character split by a line break, a stray byte).
func (u utf8Stats) mostlyUTF8() bool {
	return u.bad == 0 || u.multi >= u.bad
}

// clearlyUTF8 reports whether the bytes are UTF-8 beyond doubt: valid,
// with multi-byte characters, which text in a single-byte charset almost
// never is by accident.
func (u utf8Stats) clearlyUTF8() bool {
	return u.bad == 0 && u.multi >= 2
}

// decodeUTF8 reads UTF-8 by runs: a bad byte becomes one U+FFFD, a
// character split by a line break is joined again, and the carriers'
// private-use emoji of carrier (or of any, noCarrier) are read.
func decodeUTF8(b []byte, carrier int) string {
	if utf8.Valid(b) {
		return carrierEmojiUTF8(string(b), carrier)
	}
	var out strings.Builder
	out.Grow(len(b) + 16)
	for i := 0; i < len(b); {
		if b[i] < 0x80 {
			out.WriteByte(b[i])
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || n > 1 {
			out.Write(b[i : i+n])
			i += n
			continue
		}
		if r, used := joinSplitRune(b[i:]); used > 0 {
			out.WriteRune(r)
			i += used
			continue
		}
		// One broken sequence, one U+FFFD.
		out.WriteRune(utf8.RuneError)
		for i++; i < len(b) && b[i] >= 0x80 && b[i] <= 0xBF; i++ {
		}
	}
	return carrierEmojiUTF8(out.String(), carrier)
}

// joinSplitRune reads a UTF-8 character cut by a line break (CRLF or LF)
// at the start of b, and reports how many bytes it used, or 0.
func joinSplitRune(b []byte) (rune, int) {
	need := 0
	switch {
	case b[0] >= 0xC2 && b[0] <= 0xDF:
		need = 2
	case b[0] >= 0xE0 && b[0] <= 0xEF:
		need = 3
	case b[0] >= 0xF0 && b[0] <= 0xF4:
		need = 4
	default:
		return 0, 0
	}
	var buf [4]byte
	buf[0] = b[0]
	got, i := 1, 1
	for i < len(b) && b[i] >= 0x80 && b[i] <= 0xBF && got < need {
		buf[got] = b[i]
		got++
		i++
	}
	brk := 0
	switch {
	case i+1 < len(b) && b[i] == '\r' && b[i+1] == '\n':
		brk = 2
	case i < len(b) && b[i] == '\n':
		brk = 1
	default:
		return 0, 0
	}
	i += brk
	for i < len(b) && b[i] >= 0x80 && b[i] <= 0xBF && got < need {
		buf[got] = b[i]
		got++
		i++
	}
	if got != need {
		return 0, 0
	}
	r, n := utf8.DecodeRune(buf[:need])
	if r == utf8.RuneError || n != need {
		return 0, 0
	}
	return r, i
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
