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
	out := c.authenticate(ctx, f, q, LiveAuthServID, false)
	f.mu.Lock()
	f.Auth = append(f.Auth, out...)
	f.mu.Unlock()
}

// authenticate is the verification of liveAuth, its results marked
// servID. A look-up that failed is listed in f's Failures; with temp its
// method is also reported as temperror (the receiving side's answer),
// without it left out. DMARC is temperror, not fail, when an identifier
// that could have aligned could not be verified.
func (c *Client) authenticate(ctx context.Context, f *Facts, q Query, servID string, temp bool) []mail.AuthResult {
	var out []mail.AuthResult
	add := func(method, result, domain string) {
		out = append(out, mail.AuthResult{ServID: servID, Method: method, Result: result, Domain: domain})
	}
	spfResult, spfDomain, unsure := "", "", false
	if q.OriginIP.IsValid() {
		sender := q.EnvelopeFrom
		if sender == "" && q.Helo != "" {
			sender = "postmaster@" + q.Helo
		}
		if sender != "" {
			res, err := spf.CheckHostWithSender(net.IP(q.OriginIP.Unmap().AsSlice()), q.Helo, sender,
				spf.WithContext(ctx), spf.WithResolver(c.auth))
			if err != nil && (res == spf.TempError || ctx.Err() != nil) {
				f.fail("SPF for %s: %v", sender, err)
				unsure = true
				if temp {
					add("spf", "temperror", domainOf(sender))
				}
			} else {
				spfResult, spfDomain = string(res), domainOf(sender)
				add("spf", spfResult, spfDomain)
			}
		}
	}
	var dkimPassDomains []string
	if len(q.Raw) > 0 {
		lookup := func(name string) ([]string, error) { return c.auth.LookupTXT(ctx, name) }
		verifs, err := dkim.VerifyWithOptions(bytes.NewReader(q.Raw), &dkim.VerifyOptions{LookupTXT: lookup, MaxVerifications: maxDKIMSignatures})
		switch {
		case err != nil:
			f.fail("DKIM: %v", err)
			if ctx.Err() != nil {
				unsure = true
				if temp {
					add("dkim", "temperror", "")
				}
			}
		default:
			for _, v := range verifs {
				r := "pass"
				if v.Err != nil {
					r = "fail"
					if dkim.IsTempFail(v.Err) {
						f.fail("DKIM key of %s: %v", v.Domain, v.Err)
						unsure = true
						if temp {
							add("dkim", "temperror", v.Domain)
						}
						continue
					}
					if dkim.IsPermFail(v.Err) && temp {
						r = "permerror"
					}
				} else {
					dkimPassDomains = append(dkimPassDomains, v.Domain)
				}
				add("dkim", r, v.Domain)
			}
		}
	}
	if q.FromDomain != "" {
		rec, err := c.dmarcRecord(ctx, q.FromDomain)
		switch {
		case errors.Is(err, dmarc.ErrNoPolicy):
			add("dmarc", "none", q.FromDomain)
		case err != nil:
			f.fail("DMARC policy of %s: %v", q.FromDomain, err)
			if temp {
				add("dmarc", "temperror", q.FromDomain)
			}
		default:
			aligned := spfResult == "pass" && alignedDomain(spfDomain, q.FromDomain, rec.SPFAlignment)
			for _, d := range dkimPassDomains {
				aligned = aligned || alignedDomain(d, q.FromDomain, rec.DKIMAlignment)
			}
			switch {
			case aligned:
				add("dmarc", "pass", q.FromDomain)
			case unsure:
				f.fail("DMARC of %s: not decided, a look-up above failed", q.FromDomain)
				if temp {
					add("dmarc", "temperror", q.FromDomain)
				}
			default:
				add("dmarc", "fail", q.FromDomain)
			}
			f.mu.Lock()
			f.DMARCPolicy = string(rec.Policy)
			f.mu.Unlock()
		}
	}
	return out
}

// dmarcRecord reads _dmarc.<domain>, falling back to the organizational
// domain (RFC 7489 §6.6.3).
func (c *Client) dmarcRecord(ctx context.Context, d string) (*dmarc.Record, error) {
	lookup := func(name string) ([]string, error) { return c.auth.LookupTXT(ctx, name) }
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
