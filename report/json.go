// Package report renders a mekiki.Report for people and machines: JSON in
// the shape of the report contract, and a readable text report in Japanese
// or English. Renderers decide nothing; they only present the report.
package report

import (
	"encoding/json"
	"io"

	"github.com/mekiki/mekiki"
)

// JSON writes rep as one indented JSON object. HTML characters in URLs
// and text are not escaped, so the output reads as the mail did.
func JSON(w io.Writer, rep *mekiki.Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
