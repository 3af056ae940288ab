package kb

import (
	"net/mail"
	"net/url"
	"strings"
	"testing"
)

// minReportContacts is how many brands carry a report channel in the
// embedded data (issue 20); lower it only when an entry is removed for
// being wrong.
const minReportContacts = 21

// reportDomainExceptions are report addresses or pages on a domain that is
// not one of the brand's own, keyed by brand id and then by host suffix,
// with the reason the brand's page sends victims there.
var reportDomainExceptions = map[string]map[string]string{
	"usps": {"uspis.gov": "the U.S. Postal Inspection Service, the law-enforcement arm of USPS, takes USPS-related phishing"},
	"hmrc": {"gov.uk": "HMRC's guidance is published on GOV.UK"},
}

// underDomain reports whether host is d or a subdomain of it.
func underDomain(host, d string) bool {
	host, d = strings.ToLower(host), strings.ToLower(d)
	return host == d || strings.HasSuffix(host, "."+d)
}

// reportHostAllowed reports whether host belongs to brand b or is one of
// the listed exceptions for it.
func reportHostAllowed(b *Brand, host string) bool {
	for _, d := range b.Domains {
		if underDomain(host, d) {
			return true
		}
	}
	for d := range reportDomainExceptions[b.ID] {
		if underDomain(host, d) {
			return true
		}
	}
	return false
}

func TestReportContacts(t *testing.T) {
	k := Default()
	n := 0
	for i := range k.Brands {
		b := &k.Brands[i]
		r := b.Report
		if r == nil {
			continue
		}
		n++
		if strings.TrimSpace(r.Source) == "" {
			t.Errorf("brand %s: report has no source", b.ID)
		}
		if r.Email == "" && r.URL == "" {
			t.Errorf("brand %s: report has neither email nor url", b.ID)
		}
		if r.Email != "" {
			a, err := mail.ParseAddress(r.Email)
			if err != nil || a.Address != r.Email || a.Name != "" {
				t.Errorf("brand %s: report email %q is not a plain address", b.ID, r.Email)
			} else {
				at := strings.LastIndex(r.Email, "@")
				host := r.Email[at+1:]
				if !strings.Contains(host, ".") {
					t.Errorf("brand %s: report email %q has no domain", b.ID, r.Email)
				} else if !reportHostAllowed(b, host) {
					t.Errorf("brand %s: report email %q is not on the brand's domains nor a listed exception", b.ID, r.Email)
				}
			}
		}
		if r.URL != "" {
			u, err := url.Parse(r.URL)
			if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil {
				t.Errorf("brand %s: report url %q is not a plain https URL", b.ID, r.URL)
			} else if !reportHostAllowed(b, u.Hostname()) {
				t.Errorf("brand %s: report url %q is not on the brand's domains nor a listed exception", b.ID, r.URL)
			}
		}
	}
	if n < minReportContacts {
		t.Errorf("%d brands have a report channel, want at least %d", n, minReportContacts)
	}
	for id := range reportDomainExceptions {
		if b := k.Brand(id); b == nil || b.Report == nil {
			t.Errorf("report exception for %s, which has no report channel", id)
		}
	}
}
