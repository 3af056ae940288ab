package attach

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
)

// pdfURI finds link actions: /URI (http://…) or /URI <68747470…>.
var pdfURI = regexp.MustCompile(`/URI\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)`)

// pdfStream finds a stream whose dictionary names FlateDecode.
var pdfStream = regexp.MustCompile(`(?s)/FlateDecode[^>]*>>\s*stream\r?\n`)

// pdf collects the link targets of a PDF, from the file as written and
// from its Flate-compressed streams (object streams hide them there),
// inflating at most MaxPDFBytes.
func (in *inspector) pdf(info *Info, data []byte) {
	seen := map[string]bool{}
	collect := func(b []byte) {
		for _, m := range pdfURI.FindAllSubmatch(b, 500) {
			u := pdfString(m[1])
			if u != "" && !seen[u] && len(seen) < 500 {
				seen[u] = true
				info.Links = append(info.Links, Link{URL: u, Source: "pdf"})
			}
		}
	}
	collect(data)
	budget := in.lim.MaxPDFBytes
	for _, loc := range pdfStream.FindAllIndex(data, 10000) {
		if budget <= 0 {
			info.Notices = append(info.Notices, fmt.Sprintf("%s: PDF streams past %d inflated bytes were not read", info.Name, in.lim.MaxPDFBytes))
			break
		}
		zr, err := zlib.NewReader(bytes.NewReader(data[loc[1]:]))
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(io.LimitReader(zr, budget))
		budget -= int64(len(b))
		if bytes.Contains(b, []byte("/URI")) {
			collect(b)
		}
	}
}

// pdfString decodes a PDF literal "(…)" or hex "<…>" string.
func pdfString(s []byte) string {
	if len(s) < 2 {
		return ""
	}
	body := s[1 : len(s)-1]
	if s[0] == '<' {
		var out []byte
		var hi byte
		half := false
		for _, c := range body {
			v, ok := hexValue(c)
			if !ok {
				continue
			}
			if half {
				out = append(out, hi<<4|v)
			} else {
				hi = v
			}
			half = !half
		}
		return string(bytes.TrimSpace(out))
	}
	var out []byte
	for i := 0; i < len(body); i++ {
		if body[i] == '\\' && i+1 < len(body) {
			i++
			switch body[i] {
			case 'n', 'r', 't', 'b', 'f':
				continue
			}
		}
		out = append(out, body[i])
	}
	return string(bytes.TrimSpace(out))
}

func hexValue(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
