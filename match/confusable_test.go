package match

import (
	"reflect"
	"testing"
)

func TestConfusableKey(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"PayPaI", "paypal", true},
		{"paypal", "paypal", true},
		{"lCIoud", "lcloud", true},
		{"icloud", "lcloud", true},
		{"App1e", "apple", true},
		{"rnicrosoft", "mlcrosoft", true},
		{"Micr0soft", "mlcrosoft", true},
		{"Apple lD", "apple ld", true},
		{"apple  id", "", false},
		{" apple", "", false},
		{"Pokémon", "", false},
		{"", "", false},
	} {
		got, ok := ConfusableKey(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ConfusableKey(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestReadAs(t *testing.T) {
	for _, c := range []struct{ written, name, want string }{
		{"PayPaI", "paypal", "PayPal"},
		{"lCIoud", "icloud", "ICloud"},
		{"Apple lD", "apple id", "Apple ID"},
		{"App1e", "apple", "Apple"},
		{"Micr0soft", "microsoft", "Microsoft"},
		{"MICR0SOFT", "microsoft", "MICROSOFT"},
		{"rnicrosoft", "microsoft", "microsoft"},
		{"Trust WaIIet", "trust wallet", "Trust Wallet"},
		{"MlCROSOFT", "microsoft", "MICROSOFT"},
		{"lnstagram", "instagram", "Instagram"},
		{"Mlcrosoft", "microsoft", "MIcrosoft"}, // an l beside a capital reads as I
	} {
		got, ok := ReadAs(c.written, c.name)
		if !ok || got != c.want {
			t.Errorf("ReadAs(%q, %q) = %q, %v; want %q", c.written, c.name, got, ok, c.want)
		}
	}
	for _, c := range []struct{ written, name string }{
		{"PayPal", "paypal"},        // the name itself
		{"PAYPAL", "paypal"},        // in capitals
		{"Icloud", "icloud"},        // capitalised
		{"PAYPAI", "paypal"},        // in capitals I and L differ
		{"Appie", "apple"},          // a small i does not look like an l
		{"mlcrosoft", "microsoft"},  // a small l between small letters reads as an l
		{"RNicrosoft", "microsoft"}, // capital RN is no m
		{"1e", "le"},                // a digit needs two letters beside it
		{"Paypals", "paypal"},       // not the whole word
		{"Pay Pal", "paypal"},
	} {
		if got, ok := ReadAs(c.written, c.name); ok {
			t.Errorf("ReadAs(%q, %q) = %q; want no reading", c.written, c.name, got)
		}
	}
}

func TestASCIIWords(t *testing.T) {
	text := "lCIoudサポート Pokémon (PayPaI) x1"
	var got []string
	for _, w := range ASCIIWords(text) {
		got = append(got, text[w.Start:w.End])
	}
	if want := []string{"lCIoud", "PayPaI", "x1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ASCIIWords = %q, want %q", got, want)
	}
}
