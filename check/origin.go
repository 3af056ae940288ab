package check

import (
	"fmt"
)

var originCheck = &Check{
	ID: "origin",
	Doc: "Walks the Received chain from the top and names the first hop outside the receiving " +
		"organisation (private and loopback addresses, --trusted-hosts and the receiver's own domain are skipped).",
	Findings: []FindingDoc{
		{"origin.summary", "送信元サーバー", "Originating server",
			"The originating IP address and the first external hop, as written by the receiving side."},
	},
	Run: func(in *Input) []Finding {
		o := in.Origin
		if o == nil {
			return nil
		}
		ev := map[string]any{"ip": o.IP.String(), "helo": o.Helo, "rdns": o.RDNS, "by": o.By, "hops": len(in.Msg.Received)}
		if t := o.Time(); !t.IsZero() {
			ev["time"] = t.UTC().Format("2006-01-02T15:04:05Z")
		}
		return []Finding{newFinding("origin.summary", Info,
			fmt.Sprintf("このメールは %s（逆引き %s、HELO %s）から %s に渡されました。", o.IP, orDash(o.RDNS, "なし"), orDash(o.Helo, "なし"), orDash(o.By, "受信サーバー")),
			fmt.Sprintf("The message was handed over by %s (reverse DNS %s, HELO %s) to %s.", o.IP, orDash(o.RDNS, "none"), orDash(o.Helo, "none"), orDash(o.By, "the receiving server")),
			ev)}
	},
}
