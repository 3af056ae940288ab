package wallet

import "testing"

func TestFind(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		// Published test vectors: BIP 173/350 and well-known addresses.
		{"送金先: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa まで", []string{"bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"}},
		{"BTC 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy.", []string{"bitcoin:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"}},
		{"wallet bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", []string{"bitcoin:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"}},
		{"BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", []string{"bitcoin:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"}},
		{"taproot bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", []string{"bitcoin:bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"}},
		{"ETH: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", []string{"ethereum:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"}},
		{"eth 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359", []string{"ethereum:0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"}},
		// One character changed: the checksum fails.
		{"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", nil},
		{"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", nil},
		{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", nil},
		// bech32 checksum used with a version-1 program (must be bech32m).
		{"bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx", nil},
		// Order numbers and tracking ids are not addresses.
		{"ご注文番号 1234567890123456789012345678 お問い合わせ番号 ABCDEFGHJKLMNPQRSTUVWXYZ", nil},
		{"", nil},
	}
	for _, c := range cases {
		var got []string
		for _, a := range Find(c.text) {
			got = append(got, a.Currency+":"+a.Address)
		}
		if len(got) != len(c.want) {
			t.Errorf("Find(%q) = %v, want %v", c.text, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("Find(%q) = %v, want %v", c.text, got, c.want)
			}
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")
	f.Fuzz(func(t *testing.T, s string) { Find(s) })
}
