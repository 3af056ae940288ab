package check

import (
	"fmt"
	"strings"

	"github.com/mekiki/mekiki/finding"

	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/online"
)

var authCheck = &Check{
	ID: "auth",
	Doc: "Reads SPF, DKIM and DMARC results from Authentication-Results written by the receiving side " +
		"only (its authserv-id, above the external hand-off; for Microsoft 365 its fields without authserv-id, " +
		"for Gmail mx.google.com and its ARC record), never from fields the sender could have written.",
	DocJA: "SPF・DKIM・DMARC の結果を、受信側が書いた Authentication-Results だけから読みます（受信側の authserv-id で、" +
		"外部から受け取った地点より上にあるもの。Microsoft 365 では authserv-id のない受信側のフィールド、Gmail では mx.google.com とその ARC 記録）。" +
		"送信者が書けるフィールドは決して信用しません。",
	Findings: []finding.ID{finding.AuthSPFFail, finding.AuthDKIMFail, finding.AuthDMARCFail, finding.AuthMissing},
	Run: func(in *Input) []Finding {
		m := in.Msg
		if in.Submitted() {
			// A colleague's submission: the MTA authenticated the sender
			// itself, and the mail has not been signed for the outside yet.
			return nil
		}
		if len(in.Auth) == 0 {
			return []Finding{newFinding(finding.AuthMissing, Info,
				"受信側サーバーによる認証結果（Authentication-Results）がないため、SPF・DKIM・DMARC を確認できません。",
				"The receiving server recorded no Authentication-Results, so SPF, DKIM and DMARC cannot be checked.",
				map[string]any{"authentication_results": false})}
		}
		var out []Finding
		live := in.Auth[0].ServID == online.LiveAuthServID
		whoJA, whoEN := "受信側の", "The receiver's"
		if live {
			whoJA, whoEN = "mekiki のオンライン検証での", "mekiki's live"
		}
		spf, hasSPF := in.authResult("spf")
		dmarc, hasDMARC := in.authResult("dmarc")
		dmarcPass := hasDMARC && dmarc.Result == "pass"
		brand := in.ClaimsBrand()
		if hasDMARC && dmarc.Result == "fail" {
			sev := Medium
			if brand {
				sev = High
			}
			d := orDash(dmarc.Domain, m.From.Domain)
			ev := map[string]any{"result": dmarc.Result, "domain": d, "authserv_id": dmarc.ServID, "source": in.AuthSource(), "live": live}
			if dmarc.Action != "" {
				ev["action"] = dmarc.Action
			}
			if ca, ok := in.authResult("compauth"); ok {
				ev["compauth"], ev["compauth_reason"] = ca.Result, ca.Reason
			}
			out = append(out, newFinding(finding.AuthDMARCFail, sev,
				fmt.Sprintf("%s DMARC 検証が失敗しました（header.from=%s）。%s のドメイン所有者が認めた経路から送られていません。", whoJA, d, d),
				fmt.Sprintf("%s DMARC check failed (header.from=%s): the message did not come through a path the owner of %s authorises.", whoEN, d, d),
				ev))
		}
		if hasSPF && !dmarcPass && (spf.Result == "fail" || spf.Result == "softfail" || spf.Result == "hardfail") {
			sev := Medium
			if spf.Result == "softfail" {
				sev = Low
			}
			d := orDash(spf.Domain, "")
			out = append(out, newFinding(finding.AuthSPFFail, sev,
				fmt.Sprintf("SPF の結果が %s です（smtp.mailfrom=%s）。送信サーバーは %s から送ることを許可されていません。", spf.Result, d, d),
				fmt.Sprintf("SPF result is %s (smtp.mailfrom=%s): the sending server is not authorised to send for %s.", spf.Result, d, d),
				map[string]any{"result": spf.Result, "domain": d, "authserv_id": spf.ServID, "live": live}))
		}
		var dkimFail []string
		dkimPass, dkimAny := false, false
		for _, r := range in.Auth {
			if r.Method != "dkim" {
				continue
			}
			switch r.Result {
			case "pass":
				dkimPass = true
				dkimAny = true
			case "fail", "permerror", "policy":
				dkimFail = append(dkimFail, orDash(r.Domain, ""))
				dkimAny = true
			case "neutral", "temperror":
				dkimAny = true
			}
		}
		if len(dkimFail) > 0 && !dkimPass && !dmarcPass {
			sev := Low
			for _, d := range dkimFail {
				if in.FromOrg != "" && domain.Registrable(d) == in.FromOrg {
					sev = Medium
				}
			}
			ds := strings.Join(dkimFail, ", ")
			out = append(out, newFinding(finding.AuthDKIMFail, sev,
				fmt.Sprintf("DKIM 署名（d=%s）の検証に失敗しました。途中で改ざんされたか、署名が偽物です。", ds),
				fmt.Sprintf("The DKIM signature (d=%s) did not verify: the message was altered on the way or the signature is forged.", ds),
				map[string]any{"domains": dkimFail, "live": live}))
		}
		spfNone := !hasSPF || spf.Result == "none" || spf.Result == ""
		if spfNone && !dkimAny && !dmarcPass {
			sev := Low
			if brand {
				sev = Medium
			}
			out = append(out, newFinding(finding.AuthMissing, sev,
				fmt.Sprintf("%s認証結果に SPF も DKIM もありません。%s は送信ドメイン認証を設定していないか、認証できない経路から送られています。", whoJA, orDash(m.From.Domain, "送信元")),
				fmt.Sprintf("%s results hold neither SPF nor DKIM: %s publishes no sender authentication, or the message came by a path that cannot be authenticated.", whoEN, orDash(m.From.Domain, "the sender")),
				map[string]any{"authentication_results": true, "authserv_id": in.Auth[0].ServID, "live": live}))
		}
		return out
	},
}

// AuthSource says whose results Auth holds: their authserv-id, the hosted
// platform's id when it writes none ("microsoft365"), "mekiki-live" for
// mekiki's own verification, or "" when there are none.
func (in *Input) AuthSource() string {
	if len(in.Auth) == 0 {
		return ""
	}
	if id := in.Auth[0].ServID; id != "" {
		return id
	}
	if in.Receiver != nil {
		return in.Receiver.ID
	}
	return ""
}

func orDash(s, alt string) string {
	if s != "" {
		return s
	}
	if alt != "" {
		return alt
	}
	return "-"
}
