package kb

import (
	"fmt"
	"net/netip"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/mekiki/mekiki/domain"
)

// Receiver is a hosted mail platform (Microsoft 365, Google Workspace)
// as the recipient's receiving side: the hosts it receives on, the
// addresses of its internal hops and the authserv-ids it writes.
type Receiver struct {
	ID          string   `yaml:"id"`
	Name        string   `yaml:"name"`
	Hosts       []string `yaml:"hosts"`
	Internal    []string `yaml:"internal"`
	AuthServIDs []string `yaml:"authserv_ids"`
	ARC         bool     `yaml:"arc"`

	prefixes []netip.Prefix
}

// OwnsHost reports whether host is one of the platform's servers.
func (r *Receiver) OwnsHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for _, h := range r.Hosts {
		if domain.Under(host, h) {
			return true
		}
	}
	return false
}

// InternalAddr reports whether ip is one of the platform's internal addresses.
func (r *Receiver) InternalAddr(ip netip.Addr) bool {
	for _, p := range r.prefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// WritesAuthServID reports whether the platform writes id ("" for none)
// in its Authentication-Results.
func (r *Receiver) WritesAuthServID(id string) bool {
	for _, a := range r.AuthServIDs {
		if strings.EqualFold(a, id) {
			return true
		}
	}
	return false
}

var (
	receiversOnce sync.Once
	receivers     []Receiver
)

// Receivers returns the hosted platforms of data/receivers.yaml. The list
// is embedded data and the same for every KB.
func (k *KB) Receivers() []Receiver {
	receiversOnce.Do(func() {
		b, err := dataFS.ReadFile("data/receivers.yaml")
		if err == nil {
			receivers, err = parseReceivers(b)
		}
		if err != nil {
			panic(err) // embedded data; the tests rule it out
		}
	})
	return receivers
}

// ReceiverOfHost returns the platform that owns host, or nil.
func (k *KB) ReceiverOfHost(host string) *Receiver {
	if host == "" {
		return nil
	}
	rs := k.Receivers()
	for i := range rs {
		if rs[i].OwnsHost(host) {
			return &rs[i]
		}
	}
	return nil
}

func parseReceivers(b []byte) ([]Receiver, error) {
	var f struct {
		Receivers []Receiver `yaml:"receivers"`
	}
	if err := yaml.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("receivers.yaml: %w", err)
	}
	for i := range f.Receivers {
		r := &f.Receivers[i]
		for _, s := range r.Internal {
			p, err := netip.ParsePrefix(s)
			if err != nil {
				return nil, fmt.Errorf("receivers.yaml: %s: %w", r.ID, err)
			}
			r.prefixes = append(r.prefixes, p)
		}
	}
	return f.Receivers, nil
}
