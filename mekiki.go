// Package mekiki tells whether an e-mail is phishing and shows why, the way
// an expert does it by hand: who the message claims to be, who really sent
// it and from where, with each piece of evidence explained in Japanese and
// English.
//
//	a, err := mekiki.New(mekiki.Options{})
//	report, err := a.Analyze(ctx, file)
//	fmt.Println(report.Verdict, report.Score)
//
// Analysis is offline and takes well under a millisecond for a typical
// message. An Analyzer is safe for concurrent use.
package mekiki

import (
	"context"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/mekiki/mekiki/attach"
	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/internal/clip"
	"github.com/mekiki/mekiki/kb"
	"github.com/mekiki/mekiki/mail"
	"github.com/mekiki/mekiki/online"
)

// Options configure an Analyzer. The zero value is ready to use.
type Options struct {
	// KB is the knowledge base; nil means the embedded one (kb.Default).
	KB *kb.KB
	// Limits bound the parser's work on one message; zero fields take
	// mail.DefaultLimits.
	Limits mail.Limits
	// TrustedHosts are the receiving organisation's own relays (IPs, CIDR
	// prefixes, host name suffixes), skipped when finding the origin.
	TrustedHosts []string
	// AuthServID is the authserv-id of the receiving side's
	// Authentication-Results; empty means the top-most one.
	AuthServID string
	// Feeds looks links up in local phishing feeds (feeds.Store); nil
	// means no feed look-ups.
	Feeds FeedLookup
	// AttachLimits bound the work of looking inside attachments; zero
	// fields take attach.DefaultLimits.
	AttachLimits attach.Limits
	// Online, when set, looks things up on the network (DNS, blocklists)
	// within its deadline; nil keeps the analysis offline.
	Online *online.Client
	// GeoIP, when set, fills the origin's country and AS from local
	// MaxMind-format databases (no network).
	GeoIP *online.GeoIP
}

// FeedLookup answers whether a URL is on a phishing feed. *feeds.Store
// implements it.
type FeedLookup interface {
	Lookup(u domain.URL) (check.FeedHit, bool)
}

// Analyzer analyses messages. Create one with New and reuse it.
type Analyzer struct {
	kb   *kb.KB
	opts Options
}

// New returns an Analyzer with opts.
func New(opts Options) (*Analyzer, error) {
	k := opts.KB
	if k == nil {
		k = kb.Default()
	}
	return &Analyzer{kb: k, opts: opts}, nil
}

// Analyze reads one raw message from r and judges it. It returns an error
// only when r cannot be read or holds no message; malformed content is
// analysed as far as it can be decoded.
func (a *Analyzer) Analyze(ctx context.Context, r io.Reader) (*Report, error) {
	return a.analyze(ctx, r, nil, false)
}

func (a *Analyzer) analyze(ctx context.Context, r io.Reader, env *Envelope, light bool) (rep *Report, err error) {
	// Mail is hostile input: a bug triggered by one message must not take
	// down a scan, a server or a milter, so a panic becomes an error.
	defer func() {
		if p := recover(); p != nil {
			rep, err = nil, fmt.Errorf("internal error while analysing the message (please report it): %v", p)
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	lim := a.opts.Limits
	if light {
		lim = lightLimits(lim)
	}
	m, err := mail.ParseContext(ctx, r, lim)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if env != nil {
		env.apply(m)
	}
	rep = a.judge(ctx, m, env, light)
	if err := ctx.Err(); err != nil {
		// Cancelled or past its deadline: what was judged is incomplete.
		return nil, err
	}
	return rep, nil
}

// AnalyzeMessage judges a message that is already parsed.
func (a *Analyzer) AnalyzeMessage(m *mail.Message) *Report {
	return a.AnalyzeMessageContext(context.Background(), m)
}

// AnalyzeMessageContext is AnalyzeMessage; ctx bounds the online
// look-ups when they are on.
func (a *Analyzer) AnalyzeMessageContext(ctx context.Context, m *mail.Message) *Report {
	return a.judge(ctx, m, nil, false)
}

// judge runs the checks on a parsed message; light leaves out the
// attachments and the content phrases (the fallback of AnalyzeLight).
// When ctx ends, every loop over the message's data stops early and the
// report is incomplete: callers that can tell the difference check ctx.
// env, when not nil, is the SMTP envelope already applied to m: its
// verified authentication and what the MTA proved about the client.
func (a *Analyzer) judge(ctx context.Context, m *mail.Message, env *Envelope, light bool) *Report {
	var infos []attach.Info
	if !light {
		infos, m = a.inspectAttachments(ctx, m)
	}
	in := check.PrepareContext(ctx, m, a.kb, check.Options{TrustedHosts: a.opts.TrustedHosts, AuthServID: a.opts.AuthServID})
	in.Attachments = infos
	in.Light = light
	if env != nil {
		if env.Auth != nil {
			in.Auth = env.Auth
		}
		in.Internal, in.AuthUser = env.Internal, env.AuthUser
		if env.submitted() {
			// Submitted inside the organisation: whatever hops the
			// message claims, there is no outside origin.
			in.Origin = nil
		}
	}
	if a.opts.Feeds != nil {
		in.Feeds = feedHits(in.Links, a.opts.Feeds)
	}
	if a.opts.GeoIP != nil && in.Origin != nil {
		p := a.opts.GeoIP.Lookup(in.Origin.IP)
		in.OriginPlace = &p
	}
	if a.opts.Online != nil && !light {
		q := onlineQuery(in)
		if env != nil && (env.Auth != nil || env.submitted()) {
			q.Raw = nil // verified already, or nothing to verify
		}
		in.Online = a.opts.Online.Enrich(ctx, q)
		in.Feeds = uriListings(in, in.Feeds)
		if len(in.Auth) == 0 {
			// No receiver results: the live verification stands in.
			in.Auth = in.Online.Auth
		}
	}
	findings := check.Run(in)
	if findings == nil {
		findings = []check.Finding{}
	}
	combos, score, ev := check.Combine(a.kb, findings)
	if combos == nil {
		combos = []check.Combo{}
	}
	score = math.Round(score*100) / 100
	rep := &Report{
		Verdict:  check.VerdictOf(a.kb, score, ev),
		Score:    score,
		Brands:   claimedBrands(in),
		Message:  summary(m, in),
		Findings: findings,
		Combos:   combos,
		Links:    links(m, in.Links, findings),
		Light:    light,

		LinksOmitted: m.LinksDropped,
	}
	rep.Capped = score >= a.kb.Thresholds.Phishing && rep.Verdict != "phishing"
	rep.SummaryJA, rep.SummaryEN, rep.Advice = a.advise(rep, in)
	rep.Attachments = attachments(m, infos, findings)
	rep.IOCs = iocs(rep, m, a.kb, a.opts.TrustedHosts)
	if in.Online != nil {
		rep.Online, rep.OnlineFacts = true, in.Online
	}
	if p := in.OriginPlace; p != nil {
		rep.Message.Origin.Country, rep.Message.Origin.ASN, rep.Message.Origin.ASOrg = p.Country, int(p.ASN), p.ASOrg
	}
	return rep
}

func claimedBrands(in *check.Input) []string {
	out := []string{}
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, c := range in.Claims {
		if c.Where != "body" {
			add(c.Brand.ID)
		}
	}
	for _, b := range in.FromBrands {
		add(b.ID)
	}
	// Body mentions count only when nothing stronger names a brand: a
	// card issuer's notice links to the App Store without claiming Apple.
	if len(out) == 0 {
		for _, c := range in.Claims {
			add(c.Brand.ID)
		}
	}
	return out
}

func summary(m *mail.Message, in *check.Input) MessageSummary {
	origin := in.Origin
	s := MessageSummary{
		Subject:    clip.String(m.Subject, maxShownText),
		From:       m.From,
		ReturnPath: m.ReturnPath,
		ReplyTo:    []string{},
		MessageID:  m.MessageID,
		To:         []string{},
	}
	s.From.Name = clip.String(s.From.Name, maxShownText)
	if !m.Date.IsZero() {
		s.Date = m.Date.Format(time.RFC3339)
	}
	for _, r := range m.ReplyTo {
		s.ReplyTo = append(s.ReplyTo, r.Address)
	}
	for _, t := range m.To {
		s.To = append(s.To, t.Address)
	}
	if origin != nil {
		s.Origin = Origin{IP: origin.IP.String(), Helo: origin.Helo, RDNS: origin.RDNS}
	}
	s.Auth = messageAuth(in)
	return s
}

func links(m *mail.Message, views []*check.LinkView, findings []check.Finding) []Link {
	ids := check.LinkFindings(m, findings)
	targets, wrappers := map[string]string{}, map[string]string{}
	for _, v := range views {
		if v.Wrapped != nil {
			targets[v.Href] = clip.String(v.Wrapped.Target.String(), check.MaxShownURL)
		}
		if r, ok := domain.RewriterOf(v.URL); ok {
			wrappers[v.Href] = r.Name
		}
	}
	out := make([]Link, 0, len(m.Links))
	for i, l := range m.Links {
		host := domain.HostOfURL(l.Href)
		var texts []string
		for _, t := range l.Texts {
			texts = append(texts, clip.String(t, maxShownText))
		}
		out = append(out, Link{Href: clip.String(l.Href, check.MaxShownURL), Text: clip.String(l.Text, maxShownText), Texts: texts, Source: l.Source,
			Domain: host, Registrable: domain.Registrable(host), Target: targets[l.Href], Wrapper: wrappers[l.Href], Findings: ids[i]})
	}
	return out
}

// feedHits looks every link up in the feeds: where it really leads (inside
// a rewriter or redirect) and as written.
func feedHits(views []*check.LinkView, f FeedLookup) map[string]check.FeedHit {
	var out map[string]check.FeedHit
	for _, v := range views {
		try := []domain.URL{v.URL}
		if v.Wrapped != nil {
			try = []domain.URL{v.Wrapped.Target, v.URL}
		}
		for _, t := range try {
			if hit, ok := f.Lookup(t); ok {
				if out == nil {
					out = map[string]check.FeedHit{}
				}
				out[v.Href] = hit
				break
			}
		}
	}
	return out
}
