package check

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/mekiki/mekiki/finding"

	"github.com/mekiki/mekiki/kb"
	"github.com/mekiki/mekiki/mail"
)

var originCheck = &Check{
	ID: "origin",
	Doc: "Walks the Received chain from the top and names the first hop outside the receiving " +
		"organisation (private and loopback addresses, --trusted-hosts and the receiver's own domain are skipped).",
	DocJA: "Received ヘッダーを上からたどり、受信側の組織の外にある最初の中継サーバーを示します" +
		"（プライベートアドレスやループバック、--trusted-hosts、受信側自身のドメインは飛ばします）。",
	Findings: []finding.ID{finding.OriginSummary},
	Run: func(in *Input) []Finding {
		o := in.Origin
		if o == nil {
			return internalOrigin(in)
		}
		ev := map[string]any{"ip": o.IP.String(), "helo": o.Helo, "rdns": o.RDNS, "by": o.By, "hops": len(in.Msg.Received)}
		if t := o.Time(); !t.IsZero() {
			ev["time"] = t.UTC().Format("2006-01-02T15:04:05Z")
		}
		return []Finding{newFinding(finding.OriginSummary, Info,
			fmt.Sprintf("このメールは %s（%s、HELO %s）から %s に渡されました。", o.IP, rdnsJA(o.RDNS), orDash(o.Helo, "なし"), orDash(o.By, "受信サーバー")),
			fmt.Sprintf("The message was handed over by %s (reverse DNS %s, HELO %s) to %s.", o.IP, orDash(o.RDNS, "none"), orDash(o.Helo, "none"), orDash(o.By, "the receiving server")),
			ev)}
	},
}

// Submitted reports mail a colleague submitted, as the receiving MTA
// proved (SMTP AUTH or a submission service): it originates inside the
// organisation and carries no sender authentication to read.
func (in *Input) Submitted() bool {
	return in.Internal == "sasl" || in.Internal == "submission"
}

// internalOrigin is origin.summary for mail without an outside origin
// that the MTA proved internal: who it was handed over by, in the
// organisation.
func internalOrigin(in *Input) []Finding {
	var ja, en string
	switch in.Internal {
	case "sasl":
		ja = fmt.Sprintf("このメールは組織内で送信されました。送信者は受信サーバーに SMTP 認証（ログイン名 %s）でログインしています。", orDash(in.AuthUser, "不明"))
		en = fmt.Sprintf("The message was sent inside the organisation: the sender signed in to the receiving server with SMTP authentication (login %s).", orDash(in.AuthUser, "unknown"))
	case "submission":
		ja = "このメールは組織内で送信されました。受信サーバーの送信用サービス（submission）から受け付けられています。"
		en = "The message was sent inside the organisation: the receiving server accepted it on its submission service."
	case "trusted_host":
		ja = "このメールは組織内で送信されました。組織の信頼済みホスト（--trusted-hosts）から受信サーバーに渡されています。"
		en = "The message was sent inside the organisation: one of its trusted hosts (--trusted-hosts) handed it to the receiving server."
	default:
		return nil
	}
	ev := map[string]any{"internal": in.Internal, "authenticated": in.Internal == "sasl", "hops": len(in.Msg.Received)}
	if in.AuthUser != "" {
		ev["auth_user"] = in.AuthUser
	}
	return []Finding{newFinding(finding.OriginSummary, Info, ja, en, ev)}
}

// receivingPlatform returns the hosted platform (kb receivers) whose
// server wrote the top-most Received field that names its host, or nil
// when the message was not received by one.
func receivingPlatform(hops []mail.Hop, k *kb.KB) *kb.Receiver {
	for _, h := range hops {
		if h.By == "" {
			continue
		}
		if _, err := netip.ParseAddr(h.By); err == nil {
			continue // Gmail's internal "by 2002:a05:…"
		}
		return k.ReceiverOfHost(h.By)
	}
	return nil
}

// platformInternal reports whether h is one of the platform's own
// internal hops: written by its server and sent from its internal
// addresses. Both are needed: an outside server may call itself anything
// in its HELO, and another tenant's outbound server is a real origin.
func platformInternal(p *kb.Receiver, h *mail.Hop) bool {
	return p != nil && p.OwnsHost(h.By) && p.InternalAddr(h.IP)
}

// ReceiverFacts are what the receiving platform wrote about the message
// besides Authentication-Results. They are read only when the message
// was received by the platform, from the last of each field: Exchange
// Online appends its own after the sender's header block and its header
// firewall drops X-MS-Exchange-Organization-* fields that come from
// outside.
type ReceiverFacts struct {
	// ConnectingIP is X-Forefront-Antispam-Report CIP: the address that
	// connected to the platform.
	ConnectingIP netip.Addr
	// Directionality is X-MS-Exchange-Organization-MessageDirectionality:
	// "Incoming" from outside, "Originating" from the tenant itself.
	Directionality string
	// AuthAs is X-MS-Exchange-Organization-AuthAs: "Anonymous" for an
	// unauthenticated outside sender, "Internal" or "Partner".
	AuthAs string
	// Verdict (SFV), Category (CAT) and SCL are the platform's spam
	// filter verdict, the policy it applied (PHSH, SPOOF, SPM …) and the
	// spam confidence level.
	Verdict, Category, SCL string
	// SPF is the Received-SPF field the platform wrote, if any.
	SPF *mail.AuthResult
}

// receiverFacts reads the platform's receiver-written fields; nil when
// the message was not received by a platform or it wrote none.
func receiverFacts(m *mail.Message, p *kb.Receiver, origin *mail.Hop) *ReceiverFacts {
	if p == nil {
		return nil
	}
	f := &ReceiverFacts{}
	found := false
	last := func(name string) string {
		vs := m.Header.Values(name)
		if len(vs) == 0 {
			return ""
		}
		found = true
		return strings.TrimSpace(vs[len(vs)-1])
	}
	f.Directionality = last("X-MS-Exchange-Organization-MessageDirectionality")
	f.AuthAs = last("X-MS-Exchange-Organization-AuthAs")
	if r := last("X-Forefront-Antispam-Report"); r != "" {
		ff := mail.ForefrontReport(r)
		if ip, err := netip.ParseAddr(ff["CIP"]); err == nil {
			f.ConnectingIP = ip.Unmap()
		}
		f.Verdict, f.Category, f.SCL = ff["SFV"], ff["CAT"], ff["SCL"]
	}
	if spf, ok := receiverSPF(m, p, origin); ok {
		f.SPF = &spf
		found = true
	}
	if !found {
		return nil
	}
	return f
}

// receiverSPF returns the Received-SPF the platform wrote: above the
// origin's Received field, or in the block of fields directly below it
// that the platform writes with it (Gmail: Received, Received-SPF,
// Authentication-Results).
func receiverSPF(m *mail.Message, p *kb.Receiver, origin *mail.Hop) (mail.AuthResult, bool) {
	limit := len(m.Header)
	if origin != nil {
		limit = receiverBlockEnd(m, origin.Index)
	}
	for i := 0; i < limit && i < len(m.Header); i++ {
		if !strings.EqualFold(m.Header[i].Name, "Received-SPF") {
			continue
		}
		if r, ok := mail.ParseReceivedSPF(m.Header[i].Value, i); ok {
			return r, true
		}
	}
	return mail.AuthResult{}, false
}

// receiverBlockEnd returns the index after the fields that a receiver
// writes directly below its Received field at index handoff: its
// Received-SPF and Authentication-Results.
func receiverBlockEnd(m *mail.Message, handoff int) int {
	i := handoff + 1
	for i < len(m.Header) && (strings.EqualFold(m.Header[i].Name, "Received-SPF") || strings.EqualFold(m.Header[i].Name, "Authentication-Results")) {
		i++
	}
	return i
}

// rdnsJA is "逆引き host", or "逆引きなし" when the address has no name.
func rdnsJA(host string) string {
	if host == "" {
		return "逆引きなし"
	}
	return "逆引き " + host
}
