package check

import (
	"fmt"
	"strings"

	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/kb"
)

// maxOffbrandLinks bounds the action links one finding lists.
const maxOffbrandLinks = 10

// offbrandAction reports what an analyst sees at once: the mail claims
// brand X, and every link it asks the reader to act on — a link or button
// whose text asks for an account action, a form, a QR code — leads
// outside X's domains and outside the sender's own organisation (unless
// the sender is X). X is claimed in the display name, the subject tag,
// the address or the subject, or is the From domain's own brand. High when From is X's own domain and the receiver's
// authentication did not pass (a spoof of X), or X is claimed in the
// display name or the subject tag; medium for a claim in the subject,
// the address or the body.
func offbrandAction(in *Input) []Finding {
	brand, where := claimedBrand(in)
	if brand == nil {
		return nil
	}
	// The brand's own authenticated mail: where its links go is its own
	// business (partners, its ESP's tracker).
	spoof := spoofs(in, brand)
	if in.KB.IsBrandDomain(brand, in.Msg.From.Domain) && !spoof {
		return nil
	}
	var actions []map[string]any
	for _, l := range in.Links {
		if l.IsImage() {
			continue
		}
		// A form in the body may be a newsletter's search box; its
		// password fields are a later issue's to judge (19: forms in the
		// body), so only a QR code or a link whose text asks for an
		// account action is an action here.
		text := ""
		switch l.Source {
		case "form":
			continue
		case "qr":
			text = l.Text
		default:
			if text = actionText(in, l); text == "" {
				continue
			}
		}
		d := l.Dest()
		if d.Registrable == "" {
			continue
		}
		if in.KB.IsBrandDomain(brand, d.Host) || d.Registrable == in.FromOrg && !spoof {
			return nil // one action on the brand's (or the sender's own) site: not this finding
		}
		if len(actions) < maxOffbrandLinks {
			actions = append(actions, map[string]any{"text": text, "url": l.Href, "leads_to": d.Host, "source": l.Source})
		}
	}
	if len(actions) == 0 {
		return nil
	}
	sev := Medium
	if spoof || where == "display_name" || where == "subject_tag" {
		sev = High
	}
	first := actions[0]
	how := fmt.Sprintf("%sで%sを名乗っています", whereJA[where], brand.NameJA)
	howEN := fmt.Sprintf("The %s claims %s", whereEN[where], brand.Name)
	if spoof {
		how = fmt.Sprintf("送信元ドメイン %s は %s のものですが受信側の認証が通っていません", in.Msg.From.Domain, brand.NameJA)
		howEN = fmt.Sprintf("The sending domain %s is %s's, but the receiver's authentication did not pass", in.Msg.From.Domain, brand.Name)
	}
	return []Finding{newFinding(finding.SenderOffbrandAction, sev,
		fmt.Sprintf("%s。ところが操作を促すリンク %d 件はすべて %s の外へ向かいます（「%s」→ %s）。", how, len(actions), brand.NameJA, first["text"], first["leads_to"]),
		fmt.Sprintf("%s, yet all %d of its action links lead outside %s (\u201c%s\u201d → %s).", howEN, len(actions), brand.Name, first["text"], first["leads_to"]),
		map[string]any{"brand": brand.ID, "claimed_in": where, "spoofed_from": spoof, "actions": actions})}
}

// claimedBrand is the brand the mail claims most strongly: its strongest
// claim in the display name, subject tag, address or subject, or the
// From domain's own brand. A brand named only in the body is a topic as
// often as a claim (a newsletter reviewing an Xbox), and is left out.
func claimedBrand(in *Input) (*kb.Brand, string) {
	if len(in.Claims) > 0 && in.Claims[0].Where != "body" {
		return in.Claims[0].Brand, in.Claims[0].Where
	}
	if len(in.FromBrands) > 0 && !in.FromBrands[0].Role {
		return in.FromBrands[0], "from_domain"
	}
	return nil, ""
}

// spoofs reports From on the brand's own domain without a passing
// receiver authentication (DMARC pass or an aligned DKIM signature).
func spoofs(in *Input, b *kb.Brand) bool {
	if !in.KB.IsBrandDomain(b, in.Msg.From.Domain) || in.DKIMAligned() {
		return false
	}
	r, ok := in.authResult("dmarc")
	return !ok || !strings.EqualFold(r.Result, "pass")
}

// actionText returns the first short text over l that asks for an
// account action — a lure phrase, or a login word on a button ("Log in",
// 「ログイン」, kb login_lure_words) — or "".
func actionText(in *Input, l *LinkView) string {
	if t := lureText(in, l); t != "" {
		return t
	}
	for _, t := range l.AllTexts() {
		if len([]rune(t)) <= 40 && in.KB.LoginLure(t) != "" {
			return t
		}
	}
	return ""
}
