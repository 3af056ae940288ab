package milter

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/mekiki/mekiki/domain"
)

// Action is what the milter does with a message of a verdict. Every
// action keeps the X-Mekiki-* headers; the stronger ones add to them.
type Action int

// Actions from the weakest to the strongest: when recipients of one
// message have different policies, the strongest wins.
const (
	// ActionNone delivers the message with the X-Mekiki-* headers only.
	ActionNone Action = iota
	// ActionTag also prefixes the subject (SubjectPrefix).
	ActionTag
	// ActionHold also tags and puts the message on Postfix's hold queue
	// (milter quarantine) for an administrator to release or delete.
	ActionHold
	// ActionReject refuses the message with 550 5.7.1 during the SMTP
	// session, so the sender's server, not the recipient, gets the bounce.
	ActionReject
)

var actionNames = []string{"none", "tag", "hold", "reject"}

// String is the action's name as the policy file writes it.
func (a Action) String() string { return actionNames[a] }

// ParseAction reads an action name: none, tag, hold or reject.
func ParseAction(s string) (Action, error) {
	for i, n := range actionNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return Action(i), nil
		}
	}
	return 0, fmt.Errorf("unknown action %q (want none, tag, hold or reject)", s)
}

// UnmarshalYAML reads an action from its name.
func (a *Action) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseAction(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*a = v
	return nil
}

// Actions say what to do with each verdict. A clean message is always
// delivered with the headers only.
type Actions struct {
	Phishing   Action `yaml:"phishing"`
	Suspicious Action `yaml:"suspicious"`
}

// For is the action for verdict.
func (a Actions) For(verdict string) Action {
	switch verdict {
	case "phishing":
		return a.Phishing
	case "suspicious":
		return a.Suspicious
	}
	return ActionNone
}

// DomainActions are one recipient domain's actions; nil fields take the
// policy's.
type DomainActions struct {
	Phishing   *Action `yaml:"phishing"`
	Suspicious *Action `yaml:"suspicious"`
}

// DefaultSubjectPrefix is put in front of the subject of tagged mail.
const DefaultSubjectPrefix = "[フィッシング注意]"

// DefaultRejectReason follows "550 5.7.1" when a message is refused.
const DefaultRejectReason = "Message refused as phishing by mekiki"

// Policy is the milter's configuration of actions: by verdict, per
// recipient domain, and the allow-lists that exempt mail from actions
// (never from the headers).
type Policy struct {
	Actions       `yaml:",inline"`
	SubjectPrefix string `yaml:"subject_prefix"`
	RejectReason  string `yaml:"reject_reason"`
	// Domains override Actions for recipients in a domain (or one of its
	// subdomains); the longest matching domain applies, and what it leaves
	// out comes from Actions.
	Domains map[string]DomainActions `yaml:"domains"`
	Allow   AllowList                `yaml:"allow"`

	clients  []netip.Prefix
	hosts    []string
	senders  []string
	rcpts    []string
	rcptDoms []string
}

// AllowList exempts mail from actions. Clients are the surest: an IP or
// prefix cannot be forged over TCP. Senders match the envelope sender or
// the From address and can be forged; list only partners whose mail would
// otherwise be refused, and prefer clients.
type AllowList struct {
	// Clients are IPs, CIDR prefixes or host names (the client's verified
	// name, that name or a subdomain of it).
	Clients []string `yaml:"clients"`
	// Senders are addresses or domains of the envelope sender or From.
	Senders []string `yaml:"senders"`
	// Recipients are addresses or domains whose mail is never acted on
	// (an abuse@ mailbox that receives phishing reports).
	Recipients []string `yaml:"recipients"`
}

// DefaultPolicy tags phishing and only marks suspicious mail.
func DefaultPolicy() *Policy {
	p := &Policy{Actions: Actions{Phishing: ActionTag, Suspicious: ActionNone}}
	if err := p.compile(); err != nil {
		panic(err)
	}
	return p
}

// LoadPolicy reads a policy file (YAML; see deploy/mekiki-milter.yaml).
// Fields it leaves out take the defaults.
func LoadPolicy(path string) (*Policy, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the policy file: %w", err)
	}
	p := DefaultPolicy()
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(p); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("policy file %s: %v", path, err)
	}
	if err := p.compile(); err != nil {
		return nil, fmt.Errorf("policy file %s: %v", path, err)
	}
	return p, nil
}

// compile checks the policy and prepares its allow-lists. It is called by
// LoadPolicy and DefaultPolicy, and must be called again after changing
// fields by hand (Check does).
func (p *Policy) compile() error {
	if p.SubjectPrefix == "" {
		p.SubjectPrefix = DefaultSubjectPrefix
	}
	if p.RejectReason == "" {
		p.RejectReason = DefaultRejectReason
	}
	if len([]rune(p.SubjectPrefix)) > 64 || strings.ContainsAny(p.SubjectPrefix, "\r\n") {
		return fmt.Errorf("subject_prefix must be one line of at most 64 characters")
	}
	for _, c := range p.RejectReason {
		if c < 0x20 || c > 0x7e {
			return fmt.Errorf("reject_reason must be printable ASCII (it is sent in the SMTP reply)")
		}
	}
	if len(p.RejectReason) > 200 {
		return fmt.Errorf("reject_reason must be at most 200 characters")
	}
	doms := map[string]DomainActions{}
	for d, a := range p.Domains {
		doms[normDomain(d)] = a
	}
	p.Domains = doms
	p.clients, p.hosts, p.senders, p.rcpts, p.rcptDoms = nil, nil, nil, nil, nil
	for _, c := range p.Allow.Clients {
		c = strings.TrimSpace(c)
		if pr, err := netip.ParsePrefix(c); err == nil {
			p.clients = append(p.clients, pr.Masked())
		} else if ip, err := netip.ParseAddr(c); err == nil {
			p.clients = append(p.clients, netip.PrefixFrom(ip.Unmap(), ip.Unmap().BitLen()))
		} else if c != "" {
			p.hosts = append(p.hosts, normDomain(c))
		}
	}
	for _, s := range p.Allow.Senders {
		p.senders = append(p.senders, strings.ToLower(strings.TrimSpace(s)))
	}
	for _, r := range p.Allow.Recipients {
		r = strings.ToLower(strings.TrimSpace(r))
		if strings.Contains(r, "@") {
			p.rcpts = append(p.rcpts, r)
		} else if r != "" {
			p.rcptDoms = append(p.rcptDoms, normDomain(r))
		}
	}
	return nil
}

// Check validates a policy built in code and prepares it for use.
func (p *Policy) Check() error { return p.compile() }

func normDomain(d string) string {
	return strings.ToLower(strings.Trim(strings.TrimSpace(d), ".@"))
}

// Decision is what the policy says about one message.
type Decision struct {
	Action Action
	// Allowed names the allow-list entry that exempted the message
	// ("client 192.0.2.0/24"); empty when none did.
	Allowed string
}

// Decide chooses the action for a message of verdict from client (IP and
// verified name), the envelope sender, the From address and the
// recipients. Allow-listed clients and senders exempt the whole message;
// recipients in the allow-list are left out; the strongest action among
// the remaining recipients' domains wins.
func (p *Policy) Decide(verdict string, client netip.Addr, clientName, mailFrom, from string, rcpts []string) Decision {
	if client.IsValid() {
		for _, pr := range p.clients {
			if pr.Contains(client.Unmap()) {
				return Decision{Allowed: "client " + pr.String()}
			}
		}
	}
	if name := normDomain(clientName); name != "" && name != "unknown" {
		for _, h := range p.hosts {
			if domain.Under(name, h) {
				return Decision{Allowed: "client " + h}
			}
		}
	}
	for _, addr := range []string{mailFrom, from} {
		if e := p.senderEntry(strings.ToLower(addr)); e != "" {
			return Decision{Allowed: "sender " + e}
		}
	}
	if verdict == "clean" {
		return Decision{}
	}
	if len(rcpts) == 0 {
		return Decision{Action: p.Actions.For(verdict)}
	}
	best, acted := ActionNone, false
	for _, r := range rcpts {
		r = strings.ToLower(strings.Trim(r, "<> "))
		if p.recipientAllowed(r) {
			continue
		}
		acted = true
		best = max(best, p.actionsFor(r).For(verdict))
	}
	if !acted {
		return Decision{Allowed: "recipients"}
	}
	return Decision{Action: best}
}

func (p *Policy) senderEntry(addr string) string {
	if addr == "" {
		return ""
	}
	_, dom, _ := strings.Cut(addr, "@")
	for _, s := range p.senders {
		if s == addr || (!strings.Contains(s, "@") && dom != "" && domain.Under(dom, s)) {
			return s
		}
	}
	return ""
}

func (p *Policy) recipientAllowed(r string) bool {
	_, dom, _ := strings.Cut(r, "@")
	for _, a := range p.rcpts {
		if a == r {
			return true
		}
	}
	for _, d := range p.rcptDoms {
		if dom != "" && domain.Under(dom, d) {
			return true
		}
	}
	return false
}

// actionsFor is the actions of the longest policy domain containing the
// recipient's domain, else the default actions.
func (p *Policy) actionsFor(rcpt string) Actions {
	_, dom, _ := strings.Cut(rcpt, "@")
	best, bestLen := DomainActions{}, -1
	for d, a := range p.Domains {
		if dom != "" && domain.Under(dom, d) && len(d) > bestLen {
			best, bestLen = a, len(d)
		}
	}
	out := p.Actions
	if best.Phishing != nil {
		out.Phishing = *best.Phishing
	}
	if best.Suspicious != nil {
		out.Suspicious = *best.Suspicious
	}
	return out
}
