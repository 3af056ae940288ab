package mail

// The carriers' other forms of their emoji, mapped onto their Shift_JIS
// codes so that Unicode's EmojiSources.txt (carrier_emoji.go) names the
// picture:
//
//   - the private-use code points their UTF-8 mail and pages carry
//     (docomo U+E63E–U+E757, SoftBank U+E001–U+E53E, au U+E468–U+E5DF and
//     U+EA80–U+EB88);
//   - au's codes in ISO-2022-JP mail, JIS rows 0x75–0x7C.
//
// The correspondences are the carriers' published tables as jpmobile
// carries them (github.com/jpmobile/jpmobile, lib/jpmobile/emoticon/
// docomo.rb DOCOMO_SJIS_TO_UNICODE, softbank.rb SOFTBANK_UNICODE_TO_SJIS,
// au.rb AU_SJIS_TO_UNICODE and AU_EMAILJIS_TO_UNICODE). Each is regular: a
// run of code points follows a run of Shift_JIS codes in order, the
// trail byte 0x7F skipped, so the runs are written here instead of the
// 2,000 pairs; carrier_codes_test.go checks them against pairs of those
// tables.

// sjisRun is a run of Shift_JIS codes under one lead byte, trail bytes
// from first to last without 0x7F.
type sjisRun struct {
	lead        byte
	first, last byte
}

// size is the number of codes in the run.
func (r sjisRun) size() int {
	n := int(r.last) - int(r.first) + 1
	if r.first < 0x7F && r.last > 0x7F {
		n--
	}
	return n
}

// code is the run's n-th code (from 0).
func (r sjisRun) code(n int) uint16 {
	t := int(r.first) + n
	if r.first < 0x7F && t >= 0x7F {
		t++
	}
	return uint16(r.lead)<<8 | uint16(t)
}

// puaBlock is a run of a carrier's private-use code points from first,
// laid over Shift_JIS runs in order.
type puaBlock struct {
	carrier int
	first   rune
	runs    []sjisRun
}

var puaBlocks = []puaBlock{
	// docomo: F89F–F8FC, then F940–F9FC, one code point per code.
	{docomo, 0xE63E, []sjisRun{{0xF8, 0x9F, 0xFC}, {0xF9, 0x40, 0xFC}}},
	// SoftBank: six blocks of up to 90 (its web codes G, E, F, O, P, Q).
	{softbank, 0xE001, []sjisRun{{0xF9, 0x41, 0x9B}}},
	{softbank, 0xE101, []sjisRun{{0xF7, 0x41, 0x9B}}},
	{softbank, 0xE201, []sjisRun{{0xF7, 0xA1, 0xFA}}},
	{softbank, 0xE301, []sjisRun{{0xF9, 0xA1, 0xED}}},
	{softbank, 0xE401, []sjisRun{{0xFB, 0x41, 0x8D}}},
	{softbank, 0xE501, []sjisRun{{0xFB, 0xA1, 0xDE}}},
	// au: two ranges, each over Shift_JIS runs out of their order.
	{kddi, 0xE468, []sjisRun{{0xF6, 0x40, 0xFC}, {0xF7, 0x40, 0xD1}, {0xF7, 0xE5, 0xFC}, {0xF3, 0x40, 0x52}}},
	{kddi, 0xEA80, []sjisRun{{0xF3, 0x53, 0xCE}, {0xF7, 0xD2, 0xE4}, {0xF3, 0xCF, 0xFC}, {0xF4, 0x40, 0x8D}}},
}

// puaCode returns the Shift_JIS code of carrier's private-use emoji r,
// or 0 when r is none of that carrier's.
func puaCode(r rune, carrier int) uint16 {
	for _, b := range puaBlocks {
		if b.carrier != carrier || r < b.first {
			continue
		}
		n := int(r - b.first)
		for _, run := range b.runs {
			if n < run.size() {
				return run.code(n)
			}
			n -= run.size()
		}
	}
	return 0
}

// carrierEmojiPUA returns the Unicode emoji for a carrier's private-use
// code point, or "". Mail from a known carrier reads by its table; other
// mail by the table of the one carrier whose range holds r, and not at
// all where au's and SoftBank's ranges overlap (U+E501–U+E53E) and the
// two disagree.
func carrierEmojiPUA(r rune, carrier int) string {
	if carrier != noCarrier {
		if code := puaCode(r, carrier); code != 0 {
			return carrierEmojiSJISOf(code, carrier)
		}
		return ""
	}
	found := ""
	for _, c := range []int{docomo, kddi, softbank} {
		code := puaCode(r, c)
		if code == 0 {
			continue
		}
		e := carrierEmojiSJISOf(code, c)
		if found != "" && e != found {
			return ""
		}
		found = e
	}
	return found
}

// auJISCode returns the Shift_JIS code of au's emoji at JIS row and col
// of ISO-2022-JP mail, or 0 outside rows 0x75–0x7C. The rows pair up
// under one lead byte as Shift_JIS pairs JIS rows: 0x75–0x76 F6, 0x77–0x78
// F7, 0x79–0x7A F3, 0x7B–0x7C F4.
func auJISCode(row, col byte) uint16 {
	if row < 0x75 || row > 0x7C || col < 0x21 || col > 0x7E {
		return 0
	}
	lead := [...]byte{0xF6, 0xF7, 0xF3, 0xF4}[(row-0x75)/2]
	var trail byte
	switch {
	case (row-0x75)%2 == 1:
		trail = col + 0x7E
	case col < 0x60:
		trail = col + 0x1F
	default:
		trail = col + 0x20
	}
	return uint16(lead)<<8 | uint16(trail)
}
