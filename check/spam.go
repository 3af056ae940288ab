package check

import (
	"fmt"
	"strings"

	"github.com/mekiki/mekiki/finding"
)

var spamCheck = &Check{
	ID:       "spam",
	Doc:      "Notices when an upstream filter already tagged the message as spam (subject stamp or X-Spam-* header).",
	DocJA:    "途中のフィルターがすでに迷惑メールと判定している（件名の印や X-Spam-* ヘッダー）ことに気づきます。",
	Findings: []finding.ID{finding.SpamUpstreamTag},
	Run: func(in *Input) []Finding {
		m := in.Msg
		var marks []string
		subj := strings.ToLower(m.Subject)
		sameOffsets := len(subj) == len(m.Subject)
		for _, t := range in.KB.SubjectTags {
			if i := strings.Index(subj, t); i >= 0 {
				// show the tag as written when the offsets still match
				tag := t
				if sameOffsets {
					tag = m.Subject[i : i+len(t)]
				}
				marks = append(marks, "Subject: "+tag)
				break
			}
		}
		for _, h := range in.KB.SpamHeaders {
			v := strings.ToLower(strings.TrimSpace(m.Header.Get(h.Name)))
			if v == h.Value || strings.HasPrefix(v, h.Value+",") || strings.HasPrefix(v, h.Value+" ") {
				marks = append(marks, h.Name+": "+m.Header.Get(h.Name))
			}
		}
		if len(marks) == 0 {
			return nil
		}
		sev := Low
		if len(marks) > 1 {
			sev = Medium
		}
		list := strings.Join(marks, " / ")
		if len(list) > 200 {
			list = list[:200] + "…"
		}
		return []Finding{newFinding(finding.SpamUpstreamTag, sev,
			fmt.Sprintf("途中のメールサーバーがすでに迷惑メールと判定しています（%s）。", list),
			fmt.Sprintf("A mail server on the way already marked this message as spam (%s).", list),
			map[string]any{"marks": marks})}
	},
}
