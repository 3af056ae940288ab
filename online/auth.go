package online

import (
	"bytes"
	"context"
	"errors"
	"net"
	"strings"

	"blitiri.com.ar/go/spf"
	"github.com/emersion/go-msgauth/dkim"
	"github.com/emersion/go-msgauth/dmarc"
	"golang.org/x/net/publicsuffix"

	"github.com/mekiki/mekiki/mail"
)

// LiveAuthServID marks authentication results mekiki verified itself
// (online), as opposed to those the receiving server recorded.
const LiveAuthServID = "mekiki-live"

// maxDKIMSignatures bounds the signatures verified per message.
const maxDKIMSignatures = 5

// liveAuth verifies SPF for the originating IP and the envelope domain,
// the DKIM signatures, and DMARC for the From domain with its alignment,
// as a receiving server would have.
func (c *Client) liveAuth(ctx context.Context, f *Facts, q Query) {
	var out []mail.AuthResult
	spfResult, spfDomain := "", ""
	if q.OriginIP.IsValid() {
		sender := q.EnvelopeFrom
		if sender == "" && q.Helo != "" {
			sender = "postmaster@" + q.Helo
		}
		if sender != "" {
			res, err := spf.CheckHostWithSender(net.IP(q.OriginIP.Unmap().AsSlice()), q.Helo, sender,
				spf.WithContext(ctx), spf.WithResolver(c.r))
			if err != nil && (res == spf.TempError || ctx.Err() != nil) {
				f.fail("SPF for %s: %v", sender, err)
			} else {
				spfResult, spfDomain = string(res), domainOf(sender)
				out = append(out, mail.AuthResult{ServID: LiveAuthServID, Method: "spf", Result: spfResult, Domain: spfDomain})
			}
		}
	}
	var dkimPassDomains []string
	if len(q.Raw) > 0 {
		lookup := func(name string) ([]string, error) { return c.r.LookupTXT(ctx, name) }
		verifs, err := dkim.VerifyWithOptions(bytes.NewReader(q.Raw), &dkim.VerifyOptions{LookupTXT: lookup, MaxVerifications: maxDKIMSignatures})
		switch {
		case err != nil:
			f.fail("DKIM: %v", err)
		default:
			for _, v := range verifs {
				r := "pass"
				if v.Err != nil {
					r = "fail"
					if dkim.IsTempFail(v.Err) {
						f.fail("DKIM key of %s: %v", v.Domain, v.Err)
						continue
					}
				} else {
					dkimPassDomains = append(dkimPassDomains, v.Domain)
				}
				out = append(out, mail.AuthResult{ServID: LiveAuthServID, Method: "dkim", Result: r, Domain: v.Domain})
			}
		}
	}
	if q.FromDomain != "" {
		rec, err := c.dmarcRecord(ctx, q.FromDomain)
		switch {
		case errors.Is(err, dmarc.ErrNoPolicy):
			out = append(out, mail.AuthResult{ServID: LiveAuthServID, Method: "dmarc", Result: "none", Domain: q.FromDomain})
		case err != nil:
			f.fail("DMARC policy of %s: %v", q.FromDomain, err)
		default:
			aligned := spfResult == "pass" && alignedDomain(spfDomain, q.FromDomain, rec.SPFAlignment)
			for _, d := range dkimPassDomains {
				aligned = aligned || alignedDomain(d, q.FromDomain, rec.DKIMAlignment)
			}
			r := "fail"
			if aligned {
				r = "pass"
			}
			out = append(out, mail.AuthResult{ServID: LiveAuthServID, Method: "dmarc", Result: r, Domain: q.FromDomain})
			f.mu.Lock()
			f.DMARCPolicy = string(rec.Policy)
			f.mu.Unlock()
		}
	}
	f.mu.Lock()
	f.Auth = append(f.Auth, out...)
	f.mu.Unlock()
}

// dmarcRecord reads _dmarc.<domain>, falling back to the organizational
// domain (RFC 7489 §6.6.3).
func (c *Client) dmarcRecord(ctx context.Context, d string) (*dmarc.Record, error) {
	lookup := func(name string) ([]string, error) { return c.r.LookupTXT(ctx, name) }
	rec, err := dmarc.LookupWithOptions(d, &dmarc.LookupOptions{LookupTXT: lookup})
	if errors.Is(err, dmarc.ErrNoPolicy) || notFound(err) {
		if org, e := publicsuffix.EffectiveTLDPlusOne(d); e == nil && org != d {
			rec, err = dmarc.LookupWithOptions(org, &dmarc.LookupOptions{LookupTXT: lookup})
		}
	}
	if notFound(err) {
		return nil, dmarc.ErrNoPolicy
	}
	return rec, err
}

// alignedDomain applies DMARC alignment: strict needs the same domain,
// relaxed the same organizational domain.
func alignedDomain(d, from string, mode dmarc.AlignmentMode) bool {
	d, from = strings.ToLower(d), strings.ToLower(from)
	if mode == dmarc.AlignmentStrict {
		return d == from
	}
	a, e1 := publicsuffix.EffectiveTLDPlusOne(d)
	b, e2 := publicsuffix.EffectiveTLDPlusOne(from)
	return e1 == nil && e2 == nil && a == b
}

func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return strings.ToLower(addr[i+1:])
	}
	return strings.ToLower(addr)
}
