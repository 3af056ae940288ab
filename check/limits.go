package check

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/internal/clip"
)

var limitCheck = &Check{
	ID:       "mail",
	Doc:      "Says when the message was larger, deeper or had more parts than the parser's limits, so the verdict rests on what was read.",
	DocJA:    "メールが解析の上限（大きさ、入れ子の深さ、パートの数）を超えたときに知らせます。判定は読めた部分だけによります。",
	Findings: []finding.ID{finding.MailLimitExceeded},
	Run: func(in *Input) []Finding {
		var kinds, details, detailsJA []string
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
			detailsJA = append(detailsJA, limitJA(n.Kind, n.Detail))
		}
		for _, a := range in.Attachments {
			if a.Capped {
				sev = Low
				kinds = append(kinds, "entries")
				details = append(details, clip.Visible(a.Name)+": archive entries past the message's budget were not listed")
				detailsJA = append(detailsJA, "圧縮ファイル「"+clip.Visible(a.Name)+"」の中身は上限を超えた分を一覧にしていません")
				break
			}
		}
		if len(kinds) == 0 {
			return nil
		}
		d := strings.Join(details, "; ")
		return []Finding{newFinding(finding.MailLimitExceeded, sev,
			"メールが解析の上限を超えたため、読めた部分だけで判定しています（"+strings.Join(detailsJA, "。")+"）。",
			"The message exceeded an analysis limit, so the verdict rests on what was read ("+d+").",
			map[string]any{"limits": kinds})}
	},
}

// firstNumber finds the limit a notice names.
var firstNumber = regexp.MustCompile(`\d+`)

// limitJA says in Japanese which limit a notice of the parser reports
// (its Detail is English).
func limitJA(kind, detail string) string {
	n := firstNumber.FindString(detail)
	if n == "" {
		n = "上限"
	}
	switch kind {
	case "size":
		return fmt.Sprintf("メールが %s バイトを超えるため、先頭だけを読みました", n)
	case "depth":
		return fmt.Sprintf("MIME の入れ子が %s 段より深く、その先は読んでいません", n)
	case "parts":
		return fmt.Sprintf("MIME パートが %s 個を超え、残りは読んでいません", n)
	case "part_size":
		return fmt.Sprintf("MIME パートが %s バイトを超え、先頭だけを読みました", n)
	case "links":
		return fmt.Sprintf("リンクが %s 種類を超え、残りは調べていません", n)
	case "entries":
		return "圧縮ファイルの中身が上限を超え、一部を一覧にしていません"
	}
	return "解析の上限に達しました"
}
