// Command genqr writes the QR-code images the test mails carry
// (testdata/assets/qr-*.png). Run from the repository root:
// go run ./testdata/genqr
package main

import (
	"image/png"
	"log"
	"os"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

func main() {
	for name, text := range map[string]string{
		"testdata/assets/qr-phish.png": "https://amazon-co-jp.account-verify.qniseg.top/signin",
		"testdata/assets/qr-legit.png": "https://www.sakura-books.example.jp/fair",
	} {
		m, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, 160, 160, nil)
		if err != nil {
			log.Fatal(err)
		}
		f, err := os.Create(name)
		if err != nil {
			log.Fatal(err)
		}
		if err := png.Encode(f, m); err != nil {
			log.Fatal(err)
		}
		f.Close()
	}
}
