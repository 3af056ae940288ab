package mail

import (
	"sort"
	"strconv"
	"strings"

	"github.com/mekiki/mekiki/domain"
)

// parseContentType parses a Content-Type or Content-Disposition value
// leniently into a lower-cased media type (or disposition) and its
// parameters with lower-cased names. RFC 2231 extended parameters
// (name*=charset'lang'%xx and name*0*= continuations) are joined and
// decoded in their declared charset; duplicate and malformed parameters
// are tolerated, the first value winning.
func parseContentType(v string) (string, map[string]string) {
	params := map[string]string{}
	if v == "" {
		return "", params
	}
	parts := splitParams(v)
	mtype := strings.ToLower(strings.TrimSpace(parts[0]))
	if i := strings.IndexAny(mtype, " \t"); i >= 0 {
		mtype = mtype[:i]
	}
	type piece struct {
		n       int
		encoded bool
		value   string
	}
	extended := map[string][]piece{}
	for _, p := range parts[1:] {
		k, val, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		val = strings.TrimSpace(val)
		if len(val) >= 2 && val[0] == '"' && val[len(val)-1] == '"' {
			val = strings.ReplaceAll(val[1:len(val)-1], `\"`, `"`)
		} else {
			val = strings.Trim(val, `"`)
		}
		if star := strings.IndexByte(k, '*'); star >= 0 {
			name := k[:star]
			rest := k[star+1:]
			pc := piece{encoded: strings.HasSuffix(k, "*"), value: val}
			if rest != "" && rest != "*" {
				pc.n, _ = strconv.Atoi(strings.TrimSuffix(rest, "*"))
			}
			extended[name] = append(extended[name], pc)
			continue
		}
		if _, dup := params[k]; !dup {
			params[k] = val
		}
	}
	for name, pieces := range extended {
		sort.SliceStable(pieces, func(i, j int) bool { return pieces[i].n < pieces[j].n })
		charset := ""
		var raw []byte
		for i, pc := range pieces {
			val := pc.value
			if pc.encoded {
				if i == 0 {
					if cs, rest, ok := strings.Cut(val, "'"); ok {
						charset = cs
						if _, after, ok := strings.Cut(rest, "'"); ok {
							val = after
						} else {
							val = rest
						}
					}
				}
				raw = append(raw, domain.PercentDecode(val)...)
			} else {
				raw = append(raw, val...)
			}
		}
		decoded, _ := decodeCharset(raw, charset)
		params[name] = decoded
	}
	return mtype, params
}

// splitParams splits on semicolons outside quoted strings.
func splitParams(v string) []string {
	var out []string
	inQuote := false
	start := 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '\\':
			if inQuote {
				i++
			}
		case '"':
			inQuote = !inQuote
		case ';':
			if !inQuote {
				out = append(out, v[start:i])
				start = i + 1
			}
		}
	}
	return append(out, v[start:])
}
