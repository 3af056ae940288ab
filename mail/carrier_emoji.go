package mail

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

// emojiSources is Unicode's EmojiSources.txt (Unicode 15.0.0, as Debian's
// unicode-data 15.0.0-1 ships it in /usr/share/unicode; © Unicode, Inc.,
// https://www.unicode.org/terms_of_use.html): the round-trip mappings
// between Unicode emoji and the Shift_JIS codes of docomo, KDDI (au) and
// SoftBank.
//
//go:embed data/EmojiSources.txt
var emojiSources string

// Carriers, in the order of EmojiSources.txt's fields 1–3.
const (
	noCarrier = iota - 1
	docomo
	kddi
	softbank
)

var (
	sjisEmojiOnce sync.Once
	sjisEmoji     map[uint16]string    // codes whose carriers agree
	sjisByCarrier [3]map[uint16]string // each carrier's own codes
)

// carrierDomains are the mail domains of the Japanese carriers' phones
// (the carriers' own pages; jpmobile lib/jpmobile/mail.rb lists the same),
// whose Shift_JIS mail uses that carrier's emoji codes.
var carrierDomains = []struct {
	suffix  string
	carrier int
}{
	{"docomo.ne.jp", docomo},
	{"ezweb.ne.jp", kddi}, {"au.com", kddi},
	{"softbank.ne.jp", softbank}, {"i.softbank.jp", softbank}, {"vodafone.ne.jp", softbank}, {"disney.ne.jp", softbank},
}

// carrierOf tells the carrier whose phone sent mail from domain, or
// noCarrier.
func carrierOf(domain string) int {
	domain = strings.ToLower(domain)
	for _, d := range carrierDomains {
		if domain == d.suffix || strings.HasSuffix(domain, "."+d.suffix) {
			return d.carrier
		}
	}
	return noCarrier
}

// carrierEmojiSJISOf returns the Unicode emoji for a carrier's Shift_JIS
// emoji code, or "" when the code is no emoji. For mail known to come from
// a carrier's phone, that carrier's own table decides; otherwise (carrier
// noCarrier) a code the carriers use for different pictures (296 of the
// 1,050: docomo and SoftBank, say, both use F9xx) is left open too.
func carrierEmojiSJISOf(code uint16, carrier int) string {
	sjisEmojiOnce.Do(loadSJISEmoji)
	if carrier == noCarrier {
		return sjisEmoji[code]
	}
	return sjisByCarrier[carrier][code]
}

// loadSJISEmoji reads emojiSources into a map of the codes whose carriers
// agree on the picture.
func loadSJISEmoji() {
	byCode := map[uint16]string{}
	ambiguous := map[uint16]bool{}
	for _, line := range strings.Split(emojiSources, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(strings.TrimSpace(line), ";")
		if len(f) < 4 {
			continue
		}
		var u strings.Builder
		for _, cp := range strings.Fields(f[0]) {
			r, err := strconv.ParseUint(cp, 16, 32)
			if err != nil {
				u.Reset()
				break
			}
			u.WriteRune(rune(r))
		}
		if u.Len() == 0 {
			continue
		}
		for i, c := range f[1:4] {
			code, err := strconv.ParseUint(c, 16, 16)
			if c == "" || err != nil {
				continue
			}
			k := uint16(code)
			if sjisByCarrier[i] == nil {
				sjisByCarrier[i] = map[uint16]string{}
			}
			sjisByCarrier[i][k] = u.String()
			if prev, ok := byCode[k]; ok && prev != u.String() {
				ambiguous[k] = true
			}
			byCode[k] = u.String()
		}
	}
	for k := range ambiguous {
		delete(byCode, k)
	}
	sjisEmoji = byCode
}
