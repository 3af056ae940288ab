package mail

import (
	"strings"
	"testing"
)

// TestCarrierCodeRuns checks the runs of carrier_codes.go against pairs
// of the carriers' tables as jpmobile carries them (docomo.rb,
// softbank.rb, au.rb): the first and last code of every run and codes
// around each skipped 0x7F.
func TestCarrierCodeRuns(t *testing.T) {
	pairs := []struct {
		carrier int
		pua     rune
		sjis    uint16
	}{
		{docomo, 0xE63E, 0xF89F}, {docomo, 0xE69B, 0xF8FC}, {docomo, 0xE69C, 0xF940},
		{docomo, 0xE6CE, 0xF972}, {docomo, 0xE6DA, 0xF97E}, {docomo, 0xE6DB, 0xF980},
		{docomo, 0xE70B, 0xF9B0}, {docomo, 0xE757, 0xF9FC},
		{softbank, 0xE001, 0xF941}, {softbank, 0xE03E, 0xF97E}, {softbank, 0xE03F, 0xF980},
		{softbank, 0xE05A, 0xF99B}, {softbank, 0xE101, 0xF741}, {softbank, 0xE15A, 0xF79B},
		{softbank, 0xE201, 0xF7A1}, {softbank, 0xE25A, 0xF7FA}, {softbank, 0xE301, 0xF9A1},
		{softbank, 0xE34D, 0xF9ED}, {softbank, 0xE401, 0xFB41}, {softbank, 0xE43F, 0xFB80},
		{softbank, 0xE44C, 0xFB8D}, {softbank, 0xE501, 0xFBA1}, {softbank, 0xE53E, 0xFBDE},
		{kddi, 0xE468, 0xF640}, {kddi, 0xE481, 0xF659}, {kddi, 0xE4A6, 0xF67E},
		{kddi, 0xE4A7, 0xF680}, {kddi, 0xE523, 0xF6FC}, {kddi, 0xE524, 0xF740},
		{kddi, 0xE594, 0xF7B1}, {kddi, 0xE5B4, 0xF7D1}, {kddi, 0xE5B5, 0xF7E5},
		{kddi, 0xE5CC, 0xF7FC}, {kddi, 0xE5CD, 0xF340}, {kddi, 0xE5DF, 0xF352},
		{kddi, 0xEA80, 0xF353}, {kddi, 0xEA9B, 0xF36E}, {kddi, 0xEAFA, 0xF3CE},
		{kddi, 0xEAFB, 0xF7D2}, {kddi, 0xEB0D, 0xF7E4}, {kddi, 0xEB0E, 0xF3CF},
		{kddi, 0xEB3B, 0xF3FC}, {kddi, 0xEB3C, 0xF440}, {kddi, 0xEB55, 0xF459},
		{kddi, 0xEB88, 0xF48D},
	}
	for _, p := range pairs {
		if got := puaCode(p.pua, p.carrier); got != p.sjis {
			t.Errorf("carrier %d U+%04X: Shift_JIS %04X, want %04X", p.carrier, p.pua, got, p.sjis)
		}
	}
	for _, r := range []rune{0xE000, 0xE05B, 0xE53F, 0xE758, 0xEB89} {
		for _, c := range []int{docomo, kddi, softbank} {
			if code := puaCode(r, c); code != 0 && !(c == kddi && r == 0xE53F) {
				t.Errorf("carrier %d U+%04X: Shift_JIS %04X, want none", c, r, code)
			}
		}
	}
	// au's ISO-2022-JP rows (au.rb AU_EMAILJIS_TO_UNICODE with
	// AU_SJIS_TO_UNICODE).
	for _, p := range []struct {
		jis  uint16
		sjis uint16
	}{{0x7521, 0xF640}, {0x753A, 0xF659}, {0x757A, 0xF69A}, {0x766C, 0xF6EA}, {0x7729, 0xF748},
		{0x7833, 0xF7B1}, {0x7854, 0xF7D2}, {0x7921, 0xF340}, {0x7A51, 0xF3CF}, {0x7B21, 0xF440}, {0x7B6D, 0xF48D}} {
		if got := auJISCode(byte(p.jis>>8), byte(p.jis)); got != p.sjis {
			t.Errorf("au JIS %04X: Shift_JIS %04X, want %04X", p.jis, got, p.sjis)
		}
	}
}

// TestCarrierEmojiForms: the same emoji read from each carrier form.
func TestCarrierEmojiForms(t *testing.T) {
	mic := "\U0001F3A4" // EmojiSources: docomo F8D7, au F6DC, SoftBank F97C
	cases := []struct {
		name, label, in string
		carrier         int
		want            string
	}{
		{"docomo private use in UTF-8", "utf-8", "本文\ue63e", noCarrier, "本文☀"},
		{"docomo private use, docomo mail", "utf-8", "\ue676", docomo, mic},
		// U+E503 is au's 🎤 and SoftBank's 🎩 (FBA3): open unless the
		// carrier is known.
		{"au private use, au mail", "utf-8", "\ue503", kddi, mic},
		{"shared private use, unknown carrier", "utf-8", "\ue503", noCarrier, "〓"},
		{"au private use in UTF-8", "utf-8", "\ue5cd", noCarrier, "\U0001F342"},
		{"SoftBank private use in UTF-8", "utf-8", "\ue03c", noCarrier, mic},
		{"SoftBank lead FB in SoftBank mail", "shift_jis", "\xfb\x41", softbank, "\U0001F625"},
		{"au emoji in ISO-2022-JP", "iso-2022-jp", "\x1b$BK\\J8v^\x1b(B", noCarrier, "本文" + mic},
		// Row 0x79 is kanji in CP50221 business mail, au's emoji in au's.
		{"au row 0x79 from au", "iso-2022-jp", "\x1b$By!\x1b(B", kddi, "\U0001F342"},
		{"unmapped private use", "utf-8", "\ue000\ue758", noCarrier, "\ue000\ue758"},
	}
	for _, c := range cases {
		if got, _ := decodeCharsetFallback([]byte(c.in), c.label, "", c.carrier); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if got, _ := decodeCharset([]byte("\x1b$By!\x1b(B"), "iso-2022-jp"); strings.Contains(got, "\U0001F342") || strings.ContainsRune(got, carrierEmoji) {
		t.Errorf("row 0x79 outside au mail read as an emoji: %q", got)
	}
}
