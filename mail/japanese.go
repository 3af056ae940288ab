package mail

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
)

// The Japanese decoders here read by runs: a stray byte or a broken
// sequence becomes one U+FFFD and the text around it keeps its reading.
// JIS X 0208 pairs are decoded by golang.org/x/text's tables, which follow
// the WHATWG index: row 1 reads as the JIS forms (〜 U+301C, ‖ U+2016,
// − U+2212, ― U+2015) whether the label says Shift_JIS or CP932; the
// phrase matcher (match.Normalize) folds them with the CP932 forms
// (～ − ∥ —) so that a phrase written either way matches.

// carrierEmoji stands for a mobile carrier's emoji (docomo, au, SoftBank)
// read from the carriers' user-defined code areas where no Unicode emoji
// can be named: a visible mark, as jpmobile shows an emoji it cannot
// convert, instead of U+FFFD. Where the carriers' tables give the same
// code different pictures and the sender's carrier is not known, no
// picture is guessed.
const carrierEmoji = '〓'

// decodeShiftJIS decodes Shift_JIS (CP932) by runs. The user-defined area
// (lead bytes 0xF0–0xF9), where the carriers put their emoji, reads as
// the Unicode emoji of Unicode's carrier mappings where the carriers agree
// on the code, and as carrierEmoji where they do not.
func decodeShiftJIS(b []byte) string { return decodeShiftJISFor(b, noCarrier) }

// decodeShiftJISFor is decodeShiftJIS for mail from a carrier's phone,
// whose own emoji table decides every code.
func decodeShiftJISFor(b []byte, carrier int) string {
	// SoftBank's emoji also fill lead byte 0xFB, which is IBM kanji in
	// other CP932 mail.
	lastLead := byte(0xF9)
	if carrier == softbank {
		lastLead = 0xFB
	}
	var out strings.Builder
	out.Grow(len(b) * 3 / 2)
	dec := japanese.ShiftJIS.NewDecoder()
	start := 0
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80 || c >= 0xA1 && c <= 0xDF:
			i++
		case c >= 0xF0 && c <= lastLead && c != 0xFA && i+1 < len(b) && b[i+1] >= 0x40 && b[i+1] <= 0xFC && b[i+1] != 0x7F:
			writeDecoded(&out, dec, b[start:i])
			if e := carrierEmojiSJISOf(uint16(c)<<8|uint16(b[i+1]), carrier); e != "" {
				out.WriteString(e)
			} else {
				out.WriteRune(carrierEmoji)
			}
			i += 2
			start = i
		case (c >= 0x81 && c <= 0x9F || c >= 0xE0 && c <= 0xFC) && i+1 < len(b):
			i += 2
		default:
			i++
		}
	}
	writeDecoded(&out, dec, b[start:])
	return out.String()
}

type byteDecoder interface {
	Bytes([]byte) ([]byte, error)
}

func writeDecoded(out *strings.Builder, dec byteDecoder, b []byte) {
	if len(b) == 0 {
		return
	}
	d, err := dec.Bytes(b)
	if err != nil {
		out.WriteString(strings.ToValidUTF8(string(b), "\uFFFD"))
		return
	}
	out.Write(d)
}

// ISO-2022-JP character sets (RFC 1468, with the half-width katakana of
// JIS X 0201 that phones and CP50221 send).
const (
	jisASCII = iota
	jisRoman
	jisKanji
	jisKana
)

// decodeISO2022JP decodes ISO-2022-JP by runs: ESC ( B, ESC ( J,
// ESC $ @, ESC $ B, ESC $ ( D, ESC ( I and SO/SI switch sets; a line end
// returns to ASCII (a line missing its closing ESC ( B does not turn the
// next into kanji); 8-bit bytes are stray and become U+FFFD one by one;
// pairs in the user-defined rows 0x75–0x78 are au's emoji (the one
// carrier that writes emoji in ISO-2022-JP mail) and read as Unicode
// emoji, or carrierEmoji where none is named, as do rows 0x7D–0x7E. Rows
// 0x79–0x7C, where au also puts emoji, hold the NEC-selected IBM kanji
// (髙, 﨑) that Outlook's CP50221 sends in business mail, and are read as
// kanji unless the mail comes from an au phone.
func decodeISO2022JP(b []byte, carrier int) string {
	var out strings.Builder
	out.Grow(len(b) * 3 / 2)
	dec := japanese.EUCJP.NewDecoder()
	var pairs []byte // the current run of JIS X 0208 pairs, as EUC-JP
	flushPairs := func() {
		writeDecoded(&out, dec, pairs)
		pairs = pairs[:0]
	}
	set, shifted := jisASCII, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == 0x1b && i+2 < len(b) {
			next := jisASCII - 1
			n := 3
			switch string(b[i+1 : i+3]) {
			case "(B":
				next = jisASCII
			case "(J":
				next = jisRoman
			case "$@", "$B":
				next = jisKanji
			case "(I":
				next = jisKana
			case "$(":
				if i+3 < len(b) && (b[i+3] == 'D' || b[i+3] == 'Q' || b[i+3] == 'O') {
					next, n = jisKanji, 4
				}
			}
			if next >= jisASCII {
				flushPairs()
				set, shifted = next, false
				i += n - 1
				continue
			}
		}
		switch {
		case c == 0x0e: // SO: half-width katakana
			flushPairs()
			shifted = true
			continue
		case c == 0x0f: // SI
			shifted = false
			continue
		case c == '\n' || c == '\r':
			flushPairs()
			set, shifted = jisASCII, false
			out.WriteByte(c)
			continue
		case c >= 0x80:
			flushPairs()
			out.WriteRune(utf8.RuneError)
			continue
		}
		switch {
		case shifted || set == jisKana:
			if c >= 0x21 && c <= 0x5f {
				out.WriteRune(rune(0xFF61 + int(c) - 0x21))
			} else {
				out.WriteByte(c)
			}
		case set == jisKanji && c >= 0x21 && c <= 0x7e:
			if i+1 >= len(b) || b[i+1] < 0x21 || b[i+1] > 0x7e {
				flushPairs()
				out.WriteRune(utf8.RuneError)
				continue
			}
			auRow := c >= 0x75 && c <= 0x78 && (carrier == noCarrier || carrier == kddi) ||
				c >= 0x79 && c <= 0x7c && carrier == kddi
			if auRow || c >= 0x75 && c <= 0x78 || c >= 0x7d {
				flushPairs()
				e := ""
				if auRow {
					e = carrierEmojiSJISOf(auJISCode(c, b[i+1]), kddi)
				}
				if e == "" {
					e = string(carrierEmoji)
				}
				out.WriteString(e)
			} else {
				pairs = append(pairs, c|0x80, b[i+1]|0x80)
			}
			i++
		default:
			flushPairs()
			out.WriteByte(c)
		}
	}
	flushPairs()
	return out.String()
}

// isCarrierPrivateUse reports whether r is in the private-use ranges the
// carriers' UTF-8 mail uses for emoji: SoftBank U+E001–U+E53E, au
// U+E468–U+E5DF and U+EA80–U+EB88, docomo U+E63E–U+E757 (and
// U+E000–U+E757 as a whole, the CP932 user-defined area).
func isCarrierPrivateUse(r rune) bool {
	return r >= 0xE001 && r <= 0xE757 || r >= 0xEA80 && r <= 0xEB88
}

// carrierEmojiUTF8 replaces the carriers' private-use emoji in UTF-8 text
// with the Unicode emoji (carrier_codes.go), or carrierEmoji where none
// is named.
func carrierEmojiUTF8(s string, carrier int) string {
	// U+E000–U+EFFF all start with the byte 0xEE in UTF-8.
	if strings.IndexByte(s, 0xEE) < 0 || !strings.ContainsFunc(s, isCarrierPrivateUse) {
		return s
	}
	var out strings.Builder
	out.Grow(len(s))
	for _, r := range s {
		if !isCarrierPrivateUse(r) {
			out.WriteRune(r)
			continue
		}
		if e := carrierEmojiPUA(r, carrier); e != "" {
			out.WriteString(e)
		} else {
			out.WriteRune(carrierEmoji)
		}
	}
	return out.String()
}
