package check

import (
	"fmt"
	"strings"

	"github.com/mekiki/mekiki/finding"
)

// structureWhat names each deliberate kind of damage for the reader, in
// Japanese and English.
var structureWhat = map[string][2]string{
	"header_line_without_colon": {"コロンのないヘッダー行", "header lines without a colon"},
	"nul_in_header":             {"ヘッダー中のNUL文字", "NUL bytes in header lines"},
	"bare_cr_in_header":         {"ヘッダー中の単独のCR", "bare CRs in header lines"},
	"overlong_header_line":      {"998バイトを超えるヘッダー行", "header lines longer than 998 bytes"},
}

var structureCheck = &Check{
	ID:       "mail",
	Doc:      "Says when the message's structure was broken in ways honest mailers rarely produce (header lines without a colon, NULs, bare CRs, overlong header lines): such damage hides parts from strict readers. The parts were still read, as mail programs read them.",
	DocJA:    "まともなメールソフトはまず作らない壊れ方（コロンのないヘッダー行、NUL 文字、単独の CR、長すぎるヘッダー行）をしたメールを知らせます。こうした壊れ方は厳格な読み手から一部を隠します。mekiki はメールソフトと同じように修復して、すべての部分を読みます。",
	Findings: []finding.ID{finding.MailMalformedStructure},
	Run: func(in *Input) []Finding {
		var kinds, ja, en []string
		for _, r := range in.Msg.Repairs {
			w, ok := structureWhat[r.Kind]
			if !r.Deliberate || !ok {
				continue
			}
			kinds = append(kinds, r.Kind)
			ja = append(ja, fmt.Sprintf("%s %d件", w[0], r.Count))
			en = append(en, fmt.Sprintf("%s (%d)", w[1], r.Count))
		}
		if len(kinds) == 0 {
			return nil
		}
		return []Finding{newFinding(finding.MailMalformedStructure, Low,
			"メールのヘッダーに、普通のメールソフトはまず作らない壊れ方があります（"+strings.Join(ja, "、")+"）。一部のフィルターが本文や添付を読み落とすための細工である可能性があります。mekiki は修復してすべての部分を読みました。",
			"The message's headers are broken in ways honest mailers rarely produce ("+strings.Join(en, ", ")+"). This can be a trick to make filters miss the body or attachments; mekiki repaired it and read every part.",
			map[string]any{"repairs": kinds})}
	},
}
