package check

import (
	"strings"
)

var limitCheck = &Check{
	ID:  "mail",
	Doc: "Says when the message was larger, deeper or had more parts than the parser's limits, so the verdict rests on what was read.",
	Findings: []FindingDoc{
		{"mail.limit_exceeded", "メールの一部しか読んでいない", "Only part of the message was read",
			"The message exceeded a size, MIME depth or part-count limit; the rest was not analysed. Deep nesting and huge part counts are themselves evasion tricks."},
	},
	Run: func(in *Input) []Finding {
		var kinds, details []string
		sev := Info
		for _, n := range in.Msg.Notices {
			switch n.Kind {
			case "depth", "parts":
				sev = Low
			case "size", "part_size":
			default:
				continue
			}
			kinds = append(kinds, n.Kind)
			details = append(details, n.Detail)
		}
		if len(kinds) == 0 {
			return nil
		}
		d := strings.Join(details, "; ")
		return []Finding{newFinding("mail.limit_exceeded", sev,
			"メールが解析の上限を超えたため、読めた部分だけで判定しています（"+d+"）。",
			"The message exceeded an analysis limit, so the verdict rests on what was read ("+d+").",
			map[string]any{"limits": kinds})}
	},
}
