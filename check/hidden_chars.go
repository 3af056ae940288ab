package check

import (
	"fmt"
	"strings"

	"github.com/mekiki/mekiki/finding"
)

// hiddenCharacters raises sender.hidden_characters when the display name
// or the subject held invisible characters (NUL and other controls,
// zero-width or bidirectional marks). The parser has already removed
// them, so the names are matched as the reader sees them; the finding
// says they were there, since honest mailers never write them.
func hiddenCharacters(in *Input) []Finding {
	m := in.Msg
	var where []string
	var chars []string
	if len(m.From.Hidden) > 0 {
		where = append(where, "display_name")
		chars = append(chars, m.From.Hidden...)
	}
	if len(m.SubjectHidden) > 0 {
		where = append(where, "subject")
		chars = append(chars, m.SubjectHidden...)
	}
	if len(where) == 0 {
		return nil
	}
	var ja, en []string
	for _, w := range where {
		ja, en = append(ja, whereJA[w]), append(en, whereEN[w])
	}
	list := strings.Join(chars, ", ")
	sev := Medium
	if len(in.Claims) > 0 && !in.KB.IsBrandDomain(in.Claims[0].Brand, m.From.Domain) {
		// Hidden inside a brand's name that a stranger's domain claims: the
		// characters are there to keep filters from reading the name.
		sev = High
	}
	return []Finding{newFinding(finding.SenderHiddenCharacters, sev,
		fmt.Sprintf("%sに、画面には見えない文字（%s）が入っていました。名前を分断して迷惑メールフィルターをすり抜けるための細工で、通常のメールには含まれません（取り除いて判定しています）。", strings.Join(ja, "と"), list),
		fmt.Sprintf("The %s held characters a reader cannot see (%s), put there to split names so that filters miss them; honest mail never has them (they were removed before judging).", strings.Join(en, " and "), list),
		map[string]any{"where": where, "characters": chars})}
}
