package mekiki

import (
	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/mail"
	"github.com/mekiki/mekiki/online"
)

// maxLookupDomains bounds the link domains sent to URI blocklists;
// maxRDAPDomains those asked for their registration.
const maxLookupDomains, maxRDAPDomains = 20, 8

// onlineQuery is what to look up for a prepared message: the From and
// Return-Path domains, the originating IP, and the link domains other
// than the known brands' own.
func onlineQuery(in *check.Input) online.Query {
	q := online.Query{}
	if d := in.Msg.From.Domain; d != "" {
		q.SenderDomains = append(q.SenderDomains, d)
		if org := in.FromOrg; org != "" && len(in.KB.BrandsOfDomain(d)) == 0 && !in.KB.IsFreemail(d) {
			q.RDAPDomains = append(q.RDAPDomains, org)
		}
	}
	if d := mail.AddrDomain(in.Msg.ReturnPath); d != "" {
		q.SenderDomains = append(q.SenderDomains, d)
	}
	if in.Origin != nil && in.Origin.IP.IsValid() {
		q.OriginIP = in.Origin.IP
	}
	// Live SPF/DKIM/DMARC, as a receiver would: not for list posts, whose
	// origin is the list server and whose body the list changed.
	if !in.IsList {
		q.Raw, q.EnvelopeFrom, q.FromDomain = in.Msg.Raw, in.Msg.ReturnPath, in.Msg.From.Domain
		if in.Origin != nil {
			q.Helo = in.Origin.Helo
		}
	}
	seen := map[string]bool{}
	for _, l := range in.Links {
		d := l.Dest()
		if d.Registrable == "" || d.IP || seen[d.Registrable] || len(in.KB.BrandsOfDomain(d.Host)) > 0 || len(seen) >= maxLookupDomains {
			continue
		}
		seen[d.Registrable] = true
		q.LinkDomains = append(q.LinkDomains, d.Registrable)
		q.LinkHosts = append(q.LinkHosts, d.Host)
		if len(q.RDAPDomains) < maxRDAPDomains {
			q.RDAPDomains = append(q.RDAPDomains, d.Registrable)
		}
	}
	return q
}

// uriListings adds the links whose domain a URI blocklist lists to the
// feed hits, so that url.feed_listed reports them with the list's name.
func uriListings(in *check.Input, hits map[string]check.FeedHit) map[string]check.FeedHit {
	if in.Online == nil || len(in.Online.URIListings) == 0 {
		return hits
	}
	if hits == nil {
		hits = map[string]check.FeedHit{}
	}
	for _, l := range in.Links {
		if _, ok := hits[l.Href]; ok {
			continue
		}
		for _, li := range in.Online.URIListings {
			if l.Dest().Registrable == li.Name {
				hits[l.Href] = check.FeedHit{Source: li.Zone + " (" + li.Meaning + ")", URL: li.Name, Match: "uribl"}
				break
			}
		}
	}
	return hits
}
