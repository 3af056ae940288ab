package check

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mekiki/mekiki/finding"
)

var onlineCheck = &Check{
	ID: "online",
	Doc: "Only with --online: what the DNS says about the sender and the originating server. A sender domain that " +
		"does not exist, and an originating IP on DNS blocklists (return codes read per list; a list that refuses the " +
		"query is a failed look-up, never evidence). URI-blocklist listings of link domains are reported as url.feed_listed.",
	DocJA: "--online のときだけ、送信者と送信元サーバーについて DNS が答えることを調べます：存在しない送信元ドメイン、" +
		"DNS ブロックリストに載っている送信元 IP アドレス（応答コードはリストごとに読み、問い合わせを断るリストは調べられなかったものとして扱い、根拠にはしません）。" +
		"リンク先ドメインの URI ブロックリスト掲載は url.feed_listed として報告します。",
	Findings: []finding.ID{finding.SenderNonexistentDomain, finding.OriginDNSBLListed, finding.OriginUnexpectedCountry, finding.URLNewDomain},
	Run:      onlineFindings,
}

func onlineFindings(in *Input) []Finding {
	var out []Finding
	if f, ok := unexpectedCountry(in); ok {
		out = append(out, f)
	}
	f := in.Online
	if f == nil {
		return out
	}
	for _, d := range f.Nonexistent {
		which := "From"
		if d != in.Msg.From.Domain {
			which = "Return-Path"
		}
		out = append(out, newFinding(finding.SenderNonexistentDomain, High,
			fmt.Sprintf("%s のドメイン %s は DNS に存在しません（NXDOMAIN）。実在しないドメインからのメールです。", which, d),
			fmt.Sprintf("The %s domain %s does not exist in the DNS (NXDOMAIN).", which, d),
			map[string]any{"domain": d, "header": which, "live": true}))
	}
	if n := len(f.OriginListings); n > 0 {
		sev := Medium
		if n >= 2 {
			sev = High
		}
		var zones, meanings []string
		for _, l := range f.OriginListings {
			zones = append(zones, l.Zone)
			if !slices.Contains(meanings, l.Meaning) {
				meanings = append(meanings, l.Meaning)
			}
		}
		ip := f.OriginListings[0].Name
		out = append(out, newFinding(finding.OriginDNSBLListed, sev,
			// The lists' meanings are English (package online); the
			// Japanese sentence names the lists, the evidence keeps them.
			fmt.Sprintf("送信元サーバー %s はブロックリスト %s に掲載されています。", ip, strings.Join(zones, "、")),
			fmt.Sprintf("The originating server %s is listed on %s (%s).", ip, strings.Join(zones, ", "), strings.Join(meanings, "; ")),
			map[string]any{"ip": ip, "listings": f.OriginListings, "live": true}))
	}
	for _, r := range f.Registrations {
		if r.Created.IsZero() {
			continue
		}
		days := int(time.Since(r.Created).Hours() / 24)
		if days < 0 || days > f.NewDomainDays {
			continue
		}
		sev := Medium
		if days <= 7 {
			sev = High
		}
		extraJA, extraEN := "", ""
		if r.Registrar != "" {
			extraJA, extraEN = "登録業者 "+r.Registrar, "registrar "+r.Registrar
		}
		if r.Privacy {
			extraJA += "、登録者はプライバシー保護サービスで非公開"
			extraEN += ", registrant hidden by a privacy service"
		}
		out = append(out, newFinding(finding.URLNewDomain, sev,
			fmt.Sprintf("ドメイン %s は %s に登録されたばかりです（%d 日前。%s）。", r.Domain, r.Created.Format("2006-01-02"), days, strings.TrimPrefix(extraJA, "、")),
			fmt.Sprintf("The domain %s was registered on %s, %d days ago (%s).", r.Domain, r.Created.Format("2006-01-02"), days, strings.TrimPrefix(extraEN, ", ")),
			map[string]any{"domain": r.Domain, "created": r.Created.Format(time.RFC3339), "age_days": days, "registrar": r.Registrar,
				"privacy_registrant": r.Privacy, "live": true}))
		break // one finding per message: the newest is enough evidence
	}
	return out
}

// unexpectedCountry compares the origin's country with the countries the
// claimed brand sends from. Never alone: only for a brand claimed in the
// display name, subject tag or address, from a domain not the brand's.
func unexpectedCountry(in *Input) (Finding, bool) {
	p := in.OriginPlace
	if p == nil || p.Country == "" || len(in.FromBrands) > 0 {
		return Finding{}, false
	}
	for _, c := range in.Claims {
		if c.Where == "body" || c.Where == "subject" {
			continue
		}
		want := c.Brand.Countries()
		if len(want) == 0 || slices.Contains(want, p.Country) {
			continue
		}
		return newFinding(finding.OriginUnexpectedCountry, Low,
			fmt.Sprintf("%s を名乗るメールですが、送信元サーバー %s は %s にあります（%s 自身のメールは %s から送られます）。", c.Brand.NameJA, p.IP, p.Country, c.Brand.NameJA, strings.Join(want, "・")),
			fmt.Sprintf("The mail claims to be %s, but the originating server %s is in %s (%s's own mail comes from %s).", c.Brand.Name, p.IP, p.Country, c.Brand.Name, strings.Join(want, ", ")),
			map[string]any{"brand": c.Brand.ID, "country": p.Country, "expected": want, "ip": p.IP, "asn": p.ASN, "as_org": p.ASOrg}), true
	}
	return Finding{}, false
}
