package attach

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif" // image formats QR codes are mailed in
	_ "image/jpeg"
	_ "image/png"
	"strings"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// qr decodes a QR code in an image ("quishing": the link a filter cannot
// read as text) and keeps it as a link. Images larger than MaxPixels are
// not decoded.
func (in *inspector) qr(info *Info, data []byte) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > in.lim.MaxPixels {
		in.notice(info, fmt.Sprintf("%s: image of %d×%d pixels not searched for QR codes", info.Name, cfg.Width, cfg.Height))
		return
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return
	}
	if text := decodeQR(img); text != "" {
		in.link(info, Link{URL: text, Source: "qr"})
	}
}

// decodeQR returns the text of the QR code in img, or "". The decoder is
// guarded: a malformed image must not take the analysis down.
func decodeQR(img image.Image) (text string) {
	defer func() {
		if recover() != nil {
			text = ""
		}
	}()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return ""
	}
	hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(res.GetText())
}
