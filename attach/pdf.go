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
				in.link(info, Link{URL: u, Source: "pdf"})
			}
		}
	}
	collect(data)
	budget := in.lim.MaxPDFBytes
	buf := make([]byte, pdfChunk+pdfOverlap)
	for _, loc := range pdfStream.FindAllIndex(data, 10000) {
		if budget <= 0 {
			break
		}
		zr, err := zlib.NewReader(bytes.NewReader(data[loc[1]:]))
		if err != nil {
			continue
		}
		budget = scanStream(io.LimitReader(zr, budget), buf, budget, collect)
	}
	if budget <= 0 {
		in.notice(info, fmt.Sprintf("%s: PDF streams past %d inflated bytes were not read", info.Name, in.lim.MaxPDFBytes))
	}
}

// pdfChunk is how much of an inflated stream is searched at a time;
// pdfOverlap carries the end of one chunk into the next so that a link
// split between chunks is still found.
const pdfChunk, pdfOverlap = 64 << 10, 4 << 10

// scanStream reads r in chunks through buf, hands every chunk that
// mentions /URI to collect, and returns the budget left.
func scanStream(r io.Reader, buf []byte, budget int64, collect func([]byte)) int64 {
	kept := 0
	for {
		n, err := io.ReadFull(r, buf[kept:])
		budget -= int64(n)
		window := buf[:kept+n]
		if bytes.Contains(window, []byte("/URI")) {
			collect(window)
		}
		if err != nil {
			return budget
		}
		kept = copy(buf, window[len(window)-pdfOverlap:])
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
