package check

import (
	"fmt"
	"slices"
	"strings"
)

var onlineCheck = &Check{
	ID: "online",
	Doc: "Only with --online: what the DNS says about the sender and the originating server. A sender domain that " +
		"does not exist, and an originating IP on DNS blocklists (return codes read per list; a list that refuses the " +
		"query is a failed look-up, never evidence). URI-blocklist listings of link domains are reported as url.feed_listed.",
	Findings: []FindingDoc{
		{"sender.nonexistent_domain", "存在しない送信ドメイン", "Sender domain does not exist",
			"The From or Return-Path domain does not exist in the DNS (NXDOMAIN), e.g. a lookalike such as eki-net.co.jp: nobody can answer or bounce to it."},
		{"origin.dnsbl_listed", "送信元サーバーがブロックリストに掲載", "Originating server on a blocklist",
			"The originating IP is listed on DNS blocklists (Spamhaus ZEN, SpamCop …); high when listed on two or more."},
	},
	Run: onlineFindings,
}

func onlineFindings(in *Input) []Finding {
	f := in.Online
	if f == nil {
		return nil
	}
	var out []Finding
	for _, d := range f.Nonexistent {
		which := "From"
		if d != in.Msg.From.Domain {
			which = "Return-Path"
		}
		out = append(out, newFinding("sender.nonexistent_domain", High,
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
		out = append(out, newFinding("origin.dnsbl_listed", sev,
			fmt.Sprintf("送信元サーバー %s はブロックリスト %s に掲載されています（%s）。", ip, strings.Join(zones, "、"), strings.Join(meanings, "; ")),
			fmt.Sprintf("The originating server %s is listed on %s (%s).", ip, strings.Join(zones, ", "), strings.Join(meanings, "; ")),
			map[string]any{"ip": ip, "listings": f.OriginListings, "live": true}))
	}
	return out
}
