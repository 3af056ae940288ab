// Package wallet finds cryptocurrency addresses in text, the payment
// channel of sextortion and fake-invoice mails: Bitcoin addresses in
// base58check (1…, 3…) and bech32/bech32m (bc1…) form, each with its
// checksum verified, and Ethereum addresses (0x + 40 hex digits, the
// EIP-55 checksum verified when the address is mixed-case).
package wallet

import (
	"crypto/sha256"
	"encoding/hex"
	"math/big"
	"strings"

	"golang.org/x/crypto/sha3"
)

// Address is one cryptocurrency address found in a text.
type Address struct {
	Currency string `json:"currency"` // "bitcoin" or "ethereum"
	Address  string `json:"address"`
}

// maxScan bounds how much text Find reads.
const maxScan = 1 << 20

// Find returns the valid addresses in text, each once, in text order.
func Find(text string) []Address {
	if len(text) > maxScan {
		text = text[:maxScan]
	}
	var out []Address
	seen := map[string]bool{}
	for _, tok := range tokens(text) {
		var a Address
		switch {
		case len(tok) == 42 && (strings.HasPrefix(tok, "0x") || strings.HasPrefix(tok, "0X")) && validEthereum(tok[2:]):
			a = Address{"ethereum", "0x" + tok[2:]}
		case strings.HasPrefix(strings.ToLower(tok), "bc1") && validBech32(tok):
			a = Address{"bitcoin", strings.ToLower(tok)}
		case (tok[0] == '1' || tok[0] == '3') && validBase58Check(tok):
			a = Address{"bitcoin", tok}
		default:
			continue
		}
		if !seen[a.Address] {
			seen[a.Address] = true
			out = append(out, a)
		}
	}
	return out
}

// tokens splits text into runs of ASCII letters and digits of an
// address's length (25 to 90 characters).
func tokens(text string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(text); i++ {
		alnum := i < len(text) && isAlnum(text[i])
		if alnum && start < 0 {
			start = i
		}
		if !alnum && start >= 0 {
			if n := i - start; n >= 25 && n <= 90 {
				out = append(out, text[start:i])
			}
			start = -1
		}
	}
	return out
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// validBase58Check verifies a P2PKH (version 0) or P2SH (version 5)
// address: 25 bytes whose last four are the double SHA-256 of the rest.
func validBase58Check(s string) bool {
	if len(s) < 26 || len(s) > 35 {
		return false
	}
	n := new(big.Int)
	radix := big.NewInt(58)
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(base58Alphabet, s[i])
		if d < 0 {
			return false
		}
		n.Mul(n, radix)
		n.Add(n, big.NewInt(int64(d)))
	}
	b := n.Bytes()
	for i := 0; i < len(s) && s[i] == '1'; i++ {
		b = append([]byte{0}, b...)
	}
	if len(b) != 25 || b[0] != 0 && b[0] != 5 {
		return false
	}
	h1 := sha256.Sum256(b[:21])
	h2 := sha256.Sum256(h1[:])
	return string(h2[:4]) == string(b[21:])
}

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

// validBech32 verifies a segwit address (BIP 173, BIP 350): bech32 for
// witness version 0, bech32m for versions 1 to 16.
func validBech32(s string) bool {
	if strings.ToLower(s) != s && strings.ToUpper(s) != s {
		return false
	}
	s = strings.ToLower(s)
	if len(s) < 14 || len(s) > 74 || !strings.HasPrefix(s, "bc1") {
		return false
	}
	data := make([]byte, 0, len(s)-3)
	for i := 3; i < len(s); i++ {
		d := strings.IndexByte(bech32Charset, s[i])
		if d < 0 {
			return false
		}
		data = append(data, byte(d))
	}
	values := append([]byte{3, 3, 0, 2, 3}, data...) // hrp "bc" expanded
	c := polymod(values)
	version := data[0]
	switch {
	case version == 0 && c == 1:
	case version >= 1 && version <= 16 && c == 0x2bc830a3:
	default:
		return false
	}
	// The witness program (data minus version and 6 checksum groups) is 2
	// to 40 bytes; version 0 allows 20 or 32.
	bits := (len(data) - 7) * 5
	prog := bits / 8
	if prog < 2 || prog > 40 || version == 0 && prog != 20 && prog != 32 {
		return false
	}
	return true
}

func polymod(values []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := 0; i < 5; i++ {
			if top>>i&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk
}

// validEthereum accepts 40 hex digits; mixed-case ones must carry a
// valid EIP-55 checksum.
func validEthereum(h string) bool {
	if _, err := hex.DecodeString(h); err != nil {
		return false
	}
	if strings.ToLower(h) == h || strings.ToUpper(h) == h {
		return true
	}
	k := sha3.NewLegacyKeccak256()
	k.Write([]byte(strings.ToLower(h)))
	sum := k.Sum(nil)
	for i := 0; i < 40; i++ {
		c := h[i]
		if c < 'A' || c > 'f' || c > 'F' && c < 'a' {
			continue // a digit
		}
		nibble := sum[i/2] >> 4
		if i%2 == 1 {
			nibble = sum[i/2] & 0xf
		}
		upper := c >= 'A' && c <= 'F'
		if upper != (nibble >= 8) {
			return false
		}
	}
	return true
}
