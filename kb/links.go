package kb

import (
	"strings"

	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/match"
)

// TLDPrior is how much more often a top-level domain appears in phishing
// than among popular domains (kb/data/tlds.yaml).
type TLDPrior struct {
	TLD      string  `yaml:"tld"`
	Ratio    float64 `yaml:"ratio"`
	Severity string  `yaml:"severity"`
}

// SuspiciousTLD returns the prior of host's top-level domain when it is
// one that phishing over-uses.
func (k *KB) SuspiciousTLD(host string) (TLDPrior, bool) {
	h := domain.Normalize(host)
	t, ok := k.tlds[h[strings.LastIndexByte(h, '.')+1:]]
	return t, ok
}

// Redirector returns the known redirecting service host is on (a search
// engine's or social network's redirect endpoint), or "".
func (k *KB) Redirector(host string) string { return underWhich(host, k.redirectors) }

// LoginLure returns the first login or verification word in a link's
// visible text ("今すぐ認証", "Sign in"), or "".
func (k *KB) LoginLure(text string) string {
	if text == "" {
		return ""
	}
	if hits := k.loginLures.Find(match.Normalize(text), ""); len(hits) > 0 {
		return hits[0].Term.Text
	}
	return ""
}

// IsLoginPath reports whether a lower-case path piece names a login page
// (login, signin, verify …).
func (k *KB) IsLoginPath(piece string) bool { return k.loginPaths[piece] }
