package kb

import (
	"os"
	"strings"
	"testing"
)

func TestFindConfusableBrands(t *testing.T) {
	k := Default()
	for _, c := range []struct{ text, brand, name, read string }{
		{"lCIoud Support", "apple", "icloud", "ICloud"},
		{"Apple lD のお知らせ", "apple", "apple id", "Apple ID"},
		{"【PayPaI】アカウントの確認", "paypal", "paypal", "PayPal"},
		{"App1e", "apple", "apple", "Apple"},
		{"rnicrosoft account team", "microsoft", "microsoft account", "microsoft account"},
		{"Trust WaIIet", "trustwallet", "trust wallet", "Trust Wallet"},
		{"ｌＣＩｏｕｄ", "apple", "icloud", "ICloud"}, // full-width, read after NFKC
	} {
		got := k.FindConfusableBrands(c.text)
		if len(got) != 1 || got[0].Brand.ID != c.brand || got[0].Name != c.name || got[0].Read != c.read {
			t.Errorf("FindConfusableBrands(%q) = %+v; want %s (%s) read %q", c.text, got, c.brand, c.name, c.read)
		}
	}
	for _, text := range []string{
		"PayPal", "iCloud Support", "Apple ID", "Microsoft", "Itaucard", "PAYPAL",
		"Ill take the Illinois train at 10:01", "Bill Hill, 1st floor, room 101",
		"Turn the corner, learn the modern way", "An acorn fell", "Ledger entries for 2024",
		"Mlle Dupont", "I0 and l1 are not words", "Version 1.0 of the app",
		"Pokémon PayPaIé", // glued to accented letters: not a word of ASCII
	} {
		if got := k.FindConfusableBrands(text); len(got) != 0 {
			t.Errorf("FindConfusableBrands(%q) = %s (%s); want none", text, got[0].Brand.ID, got[0].Written)
		}
	}
}

// TestConfusableEnglishWords: no English word reads as a brand's name
// through a look-alike (beyond confusableWords). The word list is
// Debian's wamerican; without it the test is skipped.
func TestConfusableEnglishWords(t *testing.T) {
	b, err := os.ReadFile("/usr/share/dict/words")
	if err != nil {
		t.Skip("no /usr/share/dict/words (apt-get install wamerican)")
	}
	k := Default()
	for _, w := range strings.Split(string(b), "\n") {
		if w == "" || strings.ContainsRune(w, '\'') {
			continue
		}
		for _, v := range []string{w, strings.ToUpper(w[:1]) + w[1:], strings.ToUpper(w)} {
			if got := k.FindConfusableBrands(v); len(got) != 0 {
				t.Errorf("the word %q reads as %s (%s)", v, got[0].Brand.ID, got[0].Name)
			}
		}
	}
}
