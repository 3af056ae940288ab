package check

import (
	"strings"

	"github.com/mekiki/mekiki/finding"
)

var limitCheck = &Check{
	ID:       "mail",
	Doc:      "Says when the message was larger, deeper or had more parts than the parser's limits, so the verdict rests on what was read.",
	Findings: []finding.ID{finding.MailLimitExceeded},
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
		return []Finding{newFinding(finding.MailLimitExceeded, sev,
			"メールが解析の上限を超えたため、読めた部分だけで判定しています（"+d+"）。",
			"The message exceeded an analysis limit, so the verdict rests on what was read ("+d+").",
			map[string]any{"limits": kinds})}
	},
}
