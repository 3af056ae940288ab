package mekiki

import (
	"net"
	"sort"
	"strings"

	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/kb"
	"github.com/mekiki/mekiki/mail"
	"github.com/mekiki/mekiki/wallet"
)

// iocs lists the indicators of a suspicious or phishing message: what a
// CSIRT may block. Never listed are the brands' own domains and addresses
// at them (a spoofed From is the brand's, not the attacker's), free-mail
// providers' domains (a mailbox at one is listed, the provider not), and
// the recipient's own organisation (ownOrgs) with its addresses, so that
// an own-domain spoof does not put the company's domain on a block list.
func iocs(rep *Report, m *mail.Message, k *kb.KB, trusted []string) IOCs {
	out := IOCs{URLs: []string{}, Domains: []string{}, IPs: []string{}, Emails: []string{}, Attachments: []AttachmentIOC{}, Wallets: []wallet.Address{}}
	if rep.Verdict == "clean" {
		return out
	}
	own, ownAddr := ownOrgs(m, k, trusted)
	domains := map[string]bool{}
	addDomain := func(host string) {
		org := domain.Registrable(host)
		if org == "" || k.IsFreemail(host) || len(k.BrandsOfDomain(host)) > 0 || domains[org] || own[org] {
			return
		}
		domains[org] = true
		out.Domains = append(out.Domains, org)
	}
	for _, l := range rep.Links {
		if l.Domain == "" || len(k.BrandsOfDomain(l.Domain)) > 0 || own[domain.Registrable(l.Domain)] {
			continue
		}
		addDomain(l.Domain)
		if len(l.Href) < check.MaxShownURL {
			out.URLs = append(out.URLs, l.Href) // a cut URL is no indicator
		}
	}
	emails := map[string]bool{}
	addEmail := func(a string) {
		if a == "" || a == "<>" || emails[a] || ownAddr[strings.ToLower(a)] {
			return
		}
		host := mail.AddrDomain(a)
		// A brand's own address is spoofed, not the attacker's; a mailbox
		// at a provider that is also a brand (gmail.com) is the attacker's.
		if own[domain.Registrable(host)] || len(k.BrandsOfDomain(host)) > 0 && !k.IsFreemail(host) {
			return
		}
		emails[a] = true
		out.Emails = append(out.Emails, a)
		addDomain(host)
	}
	addEmail(m.From.Address)
	addEmail(m.ReturnPath)
	for _, r := range m.ReplyTo {
		addEmail(r.Address)
	}
	if ip := rep.Message.Origin.IP; ip != "" {
		out.IPs = append(out.IPs, ip)
	}
	for _, a := range m.Attachments {
		out.Attachments = append(out.Attachments, AttachmentIOC{Name: a.Name, Type: a.ContentType, Size: a.Size, SHA256: a.SHA256})
	}
	out.Wallets = wallet.Find(m.Subject + "\n" + m.Text)
	sort.Strings(out.Domains)
	return out
}

// ownOrgs are the recipient's own organisations — the registrable
// domains of the addresses the receiving side delivered the message to
// (Delivered-To, X-Original-To) or, when it wrote none, of To, and of the
// host names among the trusted relays — and the recipient addresses
// themselves. To is the sender's word, so it counts only when the
// receiving side is silent. A free-mail provider is nobody's own
// organisation: a Gmail user's attacker may write from Gmail too.
func ownOrgs(m *mail.Message, k *kb.KB, trusted []string) (orgs, addrs map[string]bool) {
	orgs, addrs = map[string]bool{}, map[string]bool{}
	rcpts := m.DeliveredTo
	if len(rcpts) == 0 {
		for _, a := range m.To {
			rcpts = append(rcpts, a.Address)
		}
	}
	for _, a := range rcpts {
		a = strings.ToLower(strings.TrimSpace(a))
		if a == "" {
			continue
		}
		addrs[a] = true
		if host := mail.AddrDomain(a); host != "" && !k.IsFreemail(host) {
			if org := domain.Registrable(host); org != "" {
				orgs[org] = true
			}
		}
	}
	for _, h := range trusted {
		h = strings.ToLower(strings.Trim(strings.TrimSpace(h), "."))
		if h == "" || net.ParseIP(h) != nil || strings.Contains(h, "/") || k.IsFreemail(h) {
			continue // an address or prefix names no organisation
		}
		if org := domain.Registrable(h); org != "" {
			orgs[org] = true
		}
	}
	return orgs, addrs
}
