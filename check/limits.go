package check

import (
	"strings"
)

var limitCheck = &Check{
	ID:  "mail",
	Doc: "Says when the message was larger, deeper or had more parts than the parser's limits, so the verdict rests on what was read.",
	Findings: []FindingDoc{
		{"mail.limit_exceeded", "メールの一部しか読んでいない", "Only part of the message was read",
			"The message exceeded a size, MIME depth, part-count, link-count or archive-entry limit; the rest was not analysed. Deep nesting, huge part counts and thousands of links or archive entries are themselves evasion tricks."},
	},
	Run: func(in *Input) []Finding {
		var kinds, details []string
		sev := Info
		for _, n := range in.Msg.Notices {
			switch n.Kind {
			case "depth", "parts", "links", "entries":
				sev = Low
			case "size", "part_size":
			default:
				continue
			}
			kinds = append(kinds, n.Kind)
			details = append(details, n.Detail)
		}
		for _, a := range in.Attachments {
			if a.Capped {
				sev = Low
				kinds = append(kinds, "entries")
				details = append(details, a.Name+": archive entries past the message's budget were not listed")
				break
			}
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
