package online

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mekiki/mekiki/internal/safehttp"
)

// embeddedBootstrap is an excerpt of IANA's RDAP bootstrap file; see its
// description. RefreshBootstrap fetches the current one.
//
//go:embed rdap_bootstrap.json
var embeddedBootstrap []byte

// IANABootstrapURL is where IANA publishes the DNS bootstrap file.
const IANABootstrapURL = "https://data.iana.org/rdap/dns.json"

// DefaultBootstrapPath is where `mekiki rdap refresh` keeps the file.
func DefaultBootstrapPath() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "mekiki", "rdap-dns.json")
}

// Bootstrap maps top-level domains to RDAP base URLs (RFC 9224).
type Bootstrap struct {
	Publication string
	servers     map[string]string
}

// ParseBootstrap reads a bootstrap file.
func ParseBootstrap(b []byte) (*Bootstrap, error) {
	var f struct {
		Publication string       `json:"publication"`
		Services    [][][]string `json:"services"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("not an RDAP bootstrap file: %w", err)
	}
	bs := &Bootstrap{Publication: f.Publication, servers: map[string]string{}}
	for _, s := range f.Services {
		if len(s) != 2 || len(s[1]) == 0 {
			continue
		}
		base := s[1][0]
		for _, u := range s[1] {
			if strings.HasPrefix(u, "https://") { // prefer HTTPS (RFC 9224 §4)
				base = u
				break
			}
		}
		for _, tld := range s[0] {
			bs.servers[strings.ToLower(tld)] = strings.TrimSuffix(base, "/") + "/"
		}
	}
	if len(bs.servers) == 0 {
		return nil, errors.New("the RDAP bootstrap file lists no servers")
	}
	return bs, nil
}

// LoadBootstrap reads path when it exists (a refreshed file), else the
// embedded excerpt.
func LoadBootstrap(path string) (*Bootstrap, error) {
	if path != "" {
		if b, err := os.ReadFile(path); err == nil {
			return ParseBootstrap(b)
		}
	}
	return ParseBootstrap(embeddedBootstrap)
}

// Server returns the RDAP base URL for a domain's TLD, or "".
func (b *Bootstrap) Server(domain string) string {
	tld := domain[strings.LastIndexByte(domain, '.')+1:]
	return b.servers[strings.ToLower(tld)]
}

// Body limits: a bootstrap file (IANA's is about 40 KiB) and one RDAP
// domain object.
const (
	maxBootstrapBytes = 4 << 20
	maxRDAPBytes      = 1 << 20
)

// RefreshBootstrap downloads IANA's current file to path with client,
// whose policy decides what may be fetched.
func RefreshBootstrap(ctx context.Context, client *safehttp.Client, url, path string) (*Bootstrap, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req, maxBootstrapBytes)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s answered %s", resp.Request.URL, resp.Status)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	bs, err := ParseBootstrap(b)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	return bs, os.WriteFile(path, b, 0o644)
}

// Registration is what RDAP says about a domain.
type Registration struct {
	Domain    string    `json:"domain"`
	Created   time.Time `json:"created,omitempty"`
	Registrar string    `json:"registrar,omitempty"`
	Privacy   bool      `json:"privacy_registrant,omitempty"` // registrant hidden by a privacy or proxy service
	Status    []string  `json:"status,omitempty"`
}

// rdapDomain is the part of an RDAP domain object mekiki reads.
type rdapDomain struct {
	Status []string `json:"status"`
	Events []struct {
		Action string `json:"eventAction"`
		Date   string `json:"eventDate"`
	} `json:"events"`
	Entities []rdapEntity `json:"entities"`
}

type rdapEntity struct {
	Roles   []string          `json:"roles"`
	VCard   []json.RawMessage `json:"vcardArray"`
	Remarks []struct {
		Title       string   `json:"title"`
		Description []string `json:"description"`
	} `json:"remarks"`
	Entities []rdapEntity `json:"entities"`
}

// vcardNames returns the fn and org values of a jCard.
func (e rdapEntity) vcardNames() string {
	if len(e.VCard) < 2 {
		return ""
	}
	var props [][]json.RawMessage
	if json.Unmarshal(e.VCard[1], &props) != nil {
		return ""
	}
	var out []string
	for _, p := range props {
		if len(p) < 4 {
			continue
		}
		var name string
		json.Unmarshal(p[0], &name)
		if name == "fn" || name == "org" {
			var v string
			if json.Unmarshal(p[3], &v) == nil {
				out = append(out, v)
			}
		}
	}
	return strings.Join(out, " ")
}

// privacyWords mark a registrant hidden by a privacy or proxy service,
// or redacted (GDPR).
var privacyWords = []string{"privacy", "proxy", "redacted", "whoisguard", "withheld", "domains by proxy", "contact privacy"}

func (c *Client) rdap(ctx context.Context, f *Facts, d string) {
	var reg Registration
	if c.cfg.Cache.get("rdap", d, &reg) {
		c.addRegistration(f, reg)
		return
	}
	base := c.cfg.Bootstrap.Server(d)
	if base == "" {
		return // this TLD has no RDAP server in the bootstrap file
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"domain/"+d, nil)
	if err != nil {
		return
	}
	req.Header.Set("Accept", "application/rdap+json")
	// An http:// base (some bootstrap entries list only one) is refused
	// by the policy, and the refusal recorded.
	resp, err := c.http.Do(req, maxRDAPBytes)
	if err != nil {
		f.fail("RDAP for %s at %s: %v", d, base, shortErr(err))
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return
	}
	if resp.StatusCode != http.StatusOK {
		f.fail("RDAP for %s: the server answered %s", d, resp.Status)
		return
	}
	var obj rdapDomain
	if err := json.NewDecoder(resp.Body).Decode(&obj); err != nil {
		var tooLarge *safehttp.TooLargeError
		if errors.As(err, &tooLarge) {
			f.fail("RDAP for %s at %s: %v", d, base, tooLarge)
			return
		}
		f.fail("RDAP for %s: unreadable answer", d)
		return
	}
	reg = Registration{Domain: d, Status: obj.Status}
	for _, e := range obj.Events {
		if e.Action == "registration" {
			if t, err := time.Parse(time.RFC3339, e.Date); err == nil {
				reg.Created = t
			}
		}
	}
	for _, e := range obj.Entities {
		for _, r := range e.Roles {
			switch r {
			case "registrar":
				reg.Registrar = e.vcardNames()
			case "registrant":
				text := strings.ToLower(e.vcardNames())
				for _, rm := range e.Remarks {
					text += " " + strings.ToLower(rm.Title+" "+strings.Join(rm.Description, " "))
				}
				for _, w := range privacyWords {
					reg.Privacy = reg.Privacy || strings.Contains(text, w)
				}
			}
		}
	}
	c.cfg.Cache.put("rdap", d, reg)
	c.addRegistration(f, reg)
}

func (c *Client) addRegistration(f *Facts, reg Registration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.Registrations = append(f.Registrations, reg)
}
