package check

import (
	"fmt"
	"strings"

	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/mail"
)

// invalidDomain reports a From domain that is no internet domain: one
// label, or a top-level domain the ICANN root does not have
// (receita@aviso). A public suffix that hosts addresses itself (iki.fi)
// is a domain.
func invalidDomain(in *Input) []Finding {
	m := in.Msg
	d := m.From.Domain
	if d == "" || domain.HasKnownTLD(d) || isBounce(m) {
		return nil
	}
	if strings.HasPrefix(d, "[") && strings.HasSuffix(d, "]") {
		return nil // an address literal is another matter
	}
	return []Finding{newFinding(finding.SenderInvalidDomain, Medium,
		fmt.Sprintf("差出人 %s のドメイン「%s」はインターネットのドメインではありません（トップレベルドメインがないか、存在しないトップレベルドメインです）。", m.From.Address, d),
		fmt.Sprintf("The sender %s has the domain \u201c%s\u201d, which is no internet domain (no top-level domain, or one the root does not have).", m.From.Address, d),
		map[string]any{"from": m.From.Address, "domain": d})}
}

// recipientAsName reports a display name that is the recipient's own
// address ("hanako@example-corp.co.jp" <notice@elsewhere>).
func recipientAsName(in *Input) []Finding {
	m := in.Msg
	name := strings.ToLower(strings.Trim(strings.TrimSpace(m.From.Name), `"'<>`))
	if !strings.Contains(name, "@") || strings.EqualFold(name, m.From.Address) {
		return nil
	}
	for _, to := range append(append([]mail.Address{}, m.To...), m.Cc...) {
		if to.Address != "" && strings.EqualFold(name, to.Address) && domain.Registrable(m.From.Domain) != domain.Registrable(to.Domain) {
			return []Finding{newFinding(finding.SenderRecipientAsName, Medium,
				fmt.Sprintf("差出人の表示名が受信者自身のアドレス %s ですが、送信元は %s です。", to.Address, m.From.Address),
				fmt.Sprintf("The display name is the recipient's own address %s, but the sender is %s.", to.Address, m.From.Address),
				map[string]any{"display_name": m.From.Name, "from": m.From.Address, "recipient": to.Address})}
		}
	}
	return nil
}
