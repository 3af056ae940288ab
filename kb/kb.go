// Package kb holds mekiki's detection knowledge as data: the brands that
// phishing imitates with their names and legitimate domains, free-mail and
// ESP domains, upstream spam tags, and the score of each finding. The data
// files under data/ are embedded; a user file in the same shape can extend
// or override them (see Load).
package kb

import (
	"embed"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/match"
)

//go:embed data/*.yaml data/*.txt
var dataFS embed.FS

// Brand is one organisation that phishing imitates.
type Brand struct {
	ID         string   `yaml:"id"`
	Name       string   `yaml:"name"`
	NameJA     string   `yaml:"name_ja"`
	Names      []string `yaml:"names"`
	NamesCS    []string `yaml:"names_cs"`
	ExactNames []string `yaml:"exact_names"`
	// ContextNames are short or ambiguous names (DB, BB, Ledger) matched
	// case-sensitively as words, and counted as a claim only when the
	// same text also holds one of Context (lower-case words or phrases).
	ContextNames []string `yaml:"context_names"`
	Context      []string `yaml:"context"`
	Domains      []string `yaml:"domains"`
	// Tokens are extra names the brand's domains are known by, for the
	// lookalike engine; the labels of Domains count without listing.
	Tokens []string `yaml:"tokens"`
	// Global brands own their name under many country domains.
	Global bool `yaml:"global"`
	// Role marks a pretext rather than a company (the mail administrator,
	// the IT helpdesk): it has no domains, and is the recipient's own
	// organisation's to claim.
	Role bool `yaml:"role"`
	// SendingCountries are the countries (ISO 3166-1 alpha-2) the brand's
	// own mail comes from. Empty: JP for a brand whose domains are all
	// under .jp (a domestic brand), otherwise unknown.
	SendingCountries []string `yaml:"sending_countries"`
	Source           string   `yaml:"source"`
	// Report is where the brand asks to be sent phishing that imitates
	// it, when it publishes such an address or form; nil otherwise.
	Report *BrandReport `yaml:"report"`
}

// BrandReport is a brand's own channel for reporting phishing in its
// name: an address to forward the mail to and/or a web form, each with
// the page that publishes it.
type BrandReport struct {
	Email  string `yaml:"email"`
	URL    string `yaml:"url"`
	Source string `yaml:"source"`
}

// Countries returns the countries the brand's mail comes from, or nil
// when unknown.
func (b *Brand) Countries() []string {
	if len(b.SendingCountries) > 0 || len(b.Domains) == 0 {
		return b.SendingCountries
	}
	for _, d := range b.Domains {
		if !strings.HasSuffix(d, ".jp") {
			return nil
		}
	}
	return []string{"JP"}
}

// SpamHeader is a header whose lower-case value (or its first word) means
// an upstream filter judged the message spam.
type SpamHeader struct {
	Name, Value string
}

// Thresholds are the verdict boundaries on the total score.
type Thresholds struct {
	Suspicious float64 `yaml:"suspicious"`
	Phishing   float64 `yaml:"phishing"`
}

// file is the shape shared by every data file and by user override files;
// each file fills some of the fields.
type file struct {
	Brands        []Brand                       `yaml:"brands"`
	Freemail      []string                      `yaml:"freemail"`
	ESP           []string                      `yaml:"esp"`
	Platforms     []string                      `yaml:"platforms"`
	Thresholds    *Thresholds                   `yaml:"thresholds"`
	Findings      map[string]map[string]float64 `yaml:"findings"`
	Combinations  map[string]float64            `yaml:"combinations"`
	Advice        *AdviceData                   `yaml:"advice"`
	SubjectTags   []string                      `yaml:"subject_tags"`
	Headers       map[string]string             `yaml:"headers"`
	Shorteners    []string                      `yaml:"shorteners"`
	DynamicDNS    []string                      `yaml:"dynamic_dns"`
	FreeHosting   []string                      `yaml:"free_hosting"`
	ClickTrackers []string                      `yaml:"click_trackers"`
	CMSPaths      []string                      `yaml:"cms_paths"`
	CMSScriptExt  []string                      `yaml:"cms_script_extensions"`
	Unsubscribe   []string                      `yaml:"unsubscribe_words"`
	WeakTokens    []string                      `yaml:"weak_brand_tokens"`
	Keywords      []string                      `yaml:"domain_keywords"`
	Fragments     []string                      `yaml:"domain_fragments"`
	PathKeywords  []string                      `yaml:"path_keywords"`
	TLDs          []TLDPrior                    `yaml:"suspicious_tlds"`
	Redirectors   []string                      `yaml:"redirectors"`
	LoginLures    []string                      `yaml:"login_lure_words"`
	LoginPaths    []string                      `yaml:"login_path_words"`
	Phrases       map[string][]string           `yaml:"phrases"`
	Attachments   *AttachmentData               `yaml:"attachments"`
}

// KB is the loaded, indexed knowledge base. It is read-only after Load and
// safe for concurrent use.
type KB struct {
	Brands     []Brand
	Thresholds Thresholds
	// CMSPaths, CMSScriptExt and UnsubscribeWords are lower-case.
	CMSPaths         []string
	CMSScriptExt     []string
	UnsubscribeWords []string
	Scores           map[string]map[string]float64 // finding id → severity → score
	ComboScores      map[string]float64            // combination id → score
	// Advice is what to tell the reader after a verdict (package advice).
	Advice      AdviceData
	SubjectTags []string     // lower-case
	SpamHeaders []SpamHeader // sorted by header name

	shorteners, dynamicDNS, freeHosting, clickTrackers, redirectors map[string]bool

	tlds       map[string]TLDPrior
	lookalikes *domain.LookalikeIndex // link domains against the brands' domain names
	loginPaths map[string]bool
	loginLures *match.Dictionary
	phrases    *phraseIndex
	simplified map[rune]bool
	attach     attachmentIndex

	asks *askIndex // the advice's ask words

	// confusableIx is the brands' names for look-alike matching
	// (FindConfusableBrands), built once on first use.
	confusableOnce sync.Once
	confusableIx   *confusableIndex

	freemail  map[string]bool
	esp       map[string]bool
	platforms map[string]bool
	brandByID map[string]*Brand
	brandOrgs map[string][]*Brand // registrable domain → brands using it
	names     *match.Dictionary
	contexts  *match.Dictionary // the brands' context words; Value = brand index
	domains   *match.Dictionary // brands' own domains written as names
	exact     map[string]*Brand // normalised exact display name → brand
}

var (
	defaultOnce sync.Once
	defaultKB   *KB
)

// Default returns the embedded knowledge base, loaded once. It panics only
// if the embedded data is broken, which the tests rule out.
func Default() *KB {
	defaultOnce.Do(func() {
		k, err := Load("")
		if err != nil {
			panic(err)
		}
		defaultKB = k
	})
	return defaultKB
}

// Load reads the embedded data and then, if userFile is not empty, the
// user's file on top: brands with an existing id replace it, new brands
// and list entries are added, scores and thresholds override.
func Load(userFile string) (*KB, error) {
	var merged file
	entries, err := dataFS.ReadDir("data")
	if err != nil {
		return nil, err
	}
	// The team's first brand list goes first: where two brands share a
	// name or a domain label, the brand that listed it first owns it
	// (kb/tokens.go), and brands.yaml's are the long-standing ones.
	sort.SliceStable(entries, func(i, j int) bool {
		return entries[i].Name() == "brands.yaml" && entries[j].Name() != "brands.yaml"
	})
	simplified := ""
	for _, e := range entries {
		b, err := dataFS.ReadFile("data/" + e.Name())
		if err != nil {
			return nil, err
		}
		if e.Name() == "simplified_han.txt" {
			simplified = string(b)
			continue
		}
		if err := mergeYAML(&merged, b, "embedded "+e.Name()); err != nil {
			return nil, err
		}
	}
	if userFile != "" {
		b, err := os.ReadFile(userFile)
		if err != nil {
			return nil, fmt.Errorf("cannot read knowledge file: %w", err)
		}
		if err := mergeYAML(&merged, b, userFile); err != nil {
			return nil, err
		}
	}
	k, err := build(merged)
	if err != nil {
		return nil, err
	}
	k.simplified = loadSimplified(simplified)
	return k, nil
}

func mergeYAML(dst *file, b []byte, name string) error {
	var f file
	if err := yaml.Unmarshal(b, &f); err != nil {
		return fmt.Errorf("knowledge file %s is not valid YAML: %w", name, err)
	}
	for _, br := range f.Brands {
		replaced := false
		for i := range dst.Brands {
			if dst.Brands[i].ID == br.ID {
				dst.Brands[i] = br
				replaced = true
			}
		}
		if !replaced {
			dst.Brands = append(dst.Brands, br)
		}
	}
	dst.Freemail = append(dst.Freemail, f.Freemail...)
	dst.ESP = append(dst.ESP, f.ESP...)
	dst.Platforms = append(dst.Platforms, f.Platforms...)
	dst.SubjectTags = append(dst.SubjectTags, f.SubjectTags...)
	dst.Shorteners = append(dst.Shorteners, f.Shorteners...)
	dst.DynamicDNS = append(dst.DynamicDNS, f.DynamicDNS...)
	dst.FreeHosting = append(dst.FreeHosting, f.FreeHosting...)
	dst.ClickTrackers = append(dst.ClickTrackers, f.ClickTrackers...)
	dst.CMSPaths = append(dst.CMSPaths, f.CMSPaths...)
	dst.CMSScriptExt = append(dst.CMSScriptExt, f.CMSScriptExt...)
	dst.Unsubscribe = append(dst.Unsubscribe, f.Unsubscribe...)
	dst.WeakTokens = append(dst.WeakTokens, f.WeakTokens...)
	dst.Keywords = append(dst.Keywords, f.Keywords...)
	dst.Fragments = append(dst.Fragments, f.Fragments...)
	dst.PathKeywords = append(dst.PathKeywords, f.PathKeywords...)
	dst.TLDs = append(dst.TLDs, f.TLDs...)
	dst.Redirectors = append(dst.Redirectors, f.Redirectors...)
	dst.LoginLures = append(dst.LoginLures, f.LoginLures...)
	dst.LoginPaths = append(dst.LoginPaths, f.LoginPaths...)
	if dst.Phrases == nil {
		dst.Phrases = map[string][]string{}
	}
	for c, list := range f.Phrases {
		dst.Phrases[c] = append(dst.Phrases[c], list...)
	}
	if f.Attachments != nil {
		dst.Attachments = dst.Attachments.merge(f.Attachments)
	}
	if f.Thresholds != nil {
		dst.Thresholds = f.Thresholds
	}
	if dst.Findings == nil {
		dst.Findings = map[string]map[string]float64{}
	}
	for id, sevs := range f.Findings {
		// A later file overrides the severities it names, not the rest.
		if dst.Findings[id] == nil {
			dst.Findings[id] = map[string]float64{}
		}
		for sev, score := range sevs {
			dst.Findings[id][sev] = score
		}
	}
	if f.Advice != nil {
		// A later file's advice replaces the whole advice.
		dst.Advice = f.Advice
	}
	if dst.Combinations == nil {
		dst.Combinations = map[string]float64{}
	}
	for id, score := range f.Combinations {
		dst.Combinations[id] = score
	}
	if dst.Headers == nil {
		dst.Headers = map[string]string{}
	}
	for k, v := range f.Headers {
		dst.Headers[k] = v
	}
	return nil
}

func build(f file) (*KB, error) {
	if f.Thresholds == nil {
		return nil, fmt.Errorf("knowledge base has no thresholds")
	}
	if err := checkScores(f.Findings); err != nil {
		return nil, err
	}
	if err := checkComboScores(f.Combinations); err != nil {
		return nil, err
	}
	if f.Advice == nil {
		return nil, fmt.Errorf("knowledge base has no advice")
	}
	if err := f.Advice.check(); err != nil {
		return nil, err
	}
	k := &KB{
		Brands:      f.Brands,
		Thresholds:  *f.Thresholds,
		Scores:      f.Findings,
		ComboScores: f.Combinations,
		Advice:      *f.Advice,
		asks:        newAskIndex(f.Advice.Asks),
		brandByID:   map[string]*Brand{},
		brandOrgs:   map[string][]*Brand{},
		exact:       map[string]*Brand{},
	}
	k.freemail = map[string]bool{}
	for _, d := range f.Freemail {
		k.freemail[domain.Normalize(d)] = true
	}
	k.esp = normalizeAll(f.ESP)
	k.platforms = normalizeAll(f.Platforms)
	k.shorteners = normalizeAll(f.Shorteners)
	k.dynamicDNS = normalizeAll(f.DynamicDNS)
	k.freeHosting = normalizeAll(f.FreeHosting)
	k.clickTrackers = normalizeAll(f.ClickTrackers)
	k.redirectors = normalizeAll(f.Redirectors)
	k.tlds = map[string]TLDPrior{}
	for _, t := range f.TLDs {
		t.TLD = strings.ToLower(strings.TrimPrefix(t.TLD, "."))
		k.tlds[t.TLD] = t // later entries (a user file) override
	}
	k.loginPaths = map[string]bool{}
	for _, w := range f.LoginPaths {
		k.loginPaths[strings.ToLower(w)] = true
	}
	var lures []match.Term
	for _, w := range f.LoginLures {
		lures = append(lures, match.Term{Text: match.Normalize(w)})
	}
	k.loginLures = match.NewDictionary(lures)
	phrases, err := buildPhrases(f.Phrases)
	if err != nil {
		return nil, err
	}
	k.phrases = phrases
	k.attach = buildAttachments(f.Attachments)
	k.CMSPaths = lowerAll(f.CMSPaths)
	k.CMSScriptExt = lowerAll(f.CMSScriptExt)
	k.UnsubscribeWords = lowerAll(f.Unsubscribe)
	for _, t := range f.SubjectTags {
		k.SubjectTags = append(k.SubjectTags, strings.ToLower(t))
	}
	for h, v := range f.Headers {
		k.SpamHeaders = append(k.SpamHeaders, SpamHeader{Name: h, Value: strings.ToLower(v)})
	}
	sort.Slice(k.SpamHeaders, func(i, j int) bool { return k.SpamHeaders[i].Name < k.SpamHeaders[j].Name })
	var terms, domainTerms, contextTerms []match.Term
	for i := range k.Brands {
		b := &k.Brands[i]
		if b.ID == "" || len(b.Domains) == 0 && !b.Role || b.Role && len(b.Domains)+len(b.Tokens) > 0 {
			return nil, fmt.Errorf("knowledge base: brand %q needs an id and at least one domain (a role none)", b.Name)
		}
		k.brandByID[b.ID] = b
		for _, d := range b.Domains {
			org := domain.Registrable(d)
			if org == "" {
				return nil, fmt.Errorf("knowledge base: brand %s: %q is not a registrable domain", b.ID, d)
			}
			k.brandOrgs[org] = append(k.brandOrgs[org], b)
			domainTerms = append(domainTerms, match.Term{Text: match.Normalize(d), Value: i})
		}
		for _, n := range b.Names {
			terms = append(terms, match.Term{Text: match.Normalize(n), Value: i})
		}
		for _, n := range b.NamesCS {
			terms = append(terms, match.Term{Text: match.Normalize(n), Cased: match.NormalizeCase(n), CaseSensitive: true, Value: i})
		}
		if len(b.ContextNames) > 0 && len(b.Context) == 0 {
			return nil, fmt.Errorf("knowledge base: brand %s has context_names but no context", b.ID)
		}
		for _, n := range b.ContextNames {
			terms = append(terms, match.Term{Text: match.Normalize(n), Cased: match.NormalizeCase(n), CaseSensitive: true, Value: i | contextName})
		}
		for _, c := range b.Context {
			c = match.Normalize(c)
			for _, n := range b.ContextNames {
				if c == match.Normalize(n) {
					return nil, fmt.Errorf("knowledge base: brand %s: context %q holds its own context name %q", b.ID, c, n)
				}
			}
			contextTerms = append(contextTerms, match.Term{Text: c, Value: i})
		}
		for _, n := range b.ExactNames {
			k.exact[match.Normalize(n)] = b
		}
	}
	k.lookalikes = domain.NewLookalikeIndex(domain.LookalikeData{Tokens: brandTokens(k.Brands, f.WeakTokens),
		Keywords: f.Keywords, PathKeywords: f.PathKeywords, Fragments: f.Fragments, Domains: brandDomains(k.Brands),
		SuspiciousTLD: func(tld string) bool { _, ok := k.tlds[tld]; return ok }})
	k.names = match.NewDictionary(terms)
	k.contexts = match.NewDictionary(contextTerms)
	k.domains = match.NewDictionary(domainTerms)
	for id, sev := range k.Scores {
		for s := range sev {
			switch s {
			case "info", "low", "medium", "high":
			default:
				return nil, fmt.Errorf("knowledge base: finding %s: unknown severity %q", id, s)
			}
		}
	}
	return k, nil
}

// Score returns the score of finding id at severity sev. Load makes sure
// that every declared finding has a score for each severity it comes in,
// so only an id or severity the declaration does not know scores 0.
func (k *KB) Score(id finding.ID, sev string) float64 {
	return k.Scores[string(id)][sev]
}

// ComboScore returns the score of combination id; Load makes sure every
// declared combination has one.
func (k *KB) ComboScore(id finding.ComboID) float64 {
	return k.ComboScores[string(id)]
}

// checkComboScores holds the combination scores to the declared
// combinations (package finding), both ways.
func checkComboScores(scores map[string]float64) error {
	for id, s := range scores {
		if _, ok := finding.LookupCombination(finding.ComboID(id)); !ok {
			return fmt.Errorf("knowledge base: score for %q, which is no combination mekiki declares", id)
		}
		if s < 0 {
			return fmt.Errorf("knowledge base: combination %s has a negative score", id)
		}
	}
	for _, c := range finding.Combinations() {
		if _, ok := scores[string(c.ID)]; !ok {
			return fmt.Errorf("knowledge base: no score for combination %s", c.ID)
		}
	}
	return nil
}

// checkScores holds the score table to the declaration of the findings
// (package finding): every score is for a declared finding and one of its
// severities, and every declared finding has a score for each of its
// severities.
func checkScores(scores map[string]map[string]float64) error {
	for id, sevs := range scores {
		d, ok := finding.Lookup(finding.ID(id))
		if !ok {
			return fmt.Errorf("knowledge base: score for %q, which is no finding mekiki declares", id)
		}
		for sev := range sevs {
			if _, ok := d.PriorOf(finding.Severity(sev)); !ok {
				return fmt.Errorf("knowledge base: score for %s at severity %q, which it never has", id, sev)
			}
		}
	}
	for _, d := range finding.All() {
		for _, sev := range d.SeverityList() {
			if _, ok := scores[string(d.ID)][string(sev)]; !ok {
				return fmt.Errorf("knowledge base: no score for %s at severity %s", d.ID, sev)
			}
		}
	}
	return nil
}

// Brand returns the brand with this id, or nil.
func (k *KB) Brand(id string) *Brand { return k.brandByID[id] }

// IsFreemail reports whether host is a free or personal mailbox
// provider's domain. Only the exact domain counts: personal addresses are
// user@gmail.com, while a provider's own service mail comes from
// subdomains (mail.yahoo.co.jp).
func (k *KB) IsFreemail(host string) bool { return k.freemail[domain.Normalize(host)] }

// IsESP reports whether host belongs to an e-mail service provider.
func (k *KB) IsESP(host string) bool { return underWhich(host, k.esp) != "" }

// IsPlatform reports whether host belongs to a mail platform that writes
// Message-IDs for the domains it hosts.
func (k *KB) IsPlatform(host string) bool { return underWhich(host, k.platforms) != "" }

// List returns the entries of one of the link lists ("shorteners",
// "dynamic_dns", "free_hosting", "click_trackers"), sorted.
func (k *KB) List(name string) []string {
	set := map[string]map[string]bool{"shorteners": k.shorteners, "dynamic_dns": k.dynamicDNS,
		"free_hosting": k.freeHosting, "click_trackers": k.clickTrackers}[name]
	out := make([]string, 0, len(set))
	for d := range set {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

// Shortener returns the URL-shortening service host is on, or "".
func (k *KB) Shortener(host string) string { return underWhich(host, k.shorteners) }

// DynamicDNS returns the dynamic-DNS domain host is under, or "".
func (k *KB) DynamicDNS(host string) string { return underWhich(host, k.dynamicDNS) }

// FreeHosting returns the free-hosting domain host is under, or "".
func (k *KB) FreeHosting(host string) string { return underWhich(host, k.freeHosting) }

// IsClickTracker reports whether host is an ESP's click-tracking host.
func (k *KB) IsClickTracker(host string) bool { return underWhich(host, k.clickTrackers) != "" }

func lowerAll(list []string) []string {
	out := make([]string, 0, len(list))
	for _, s := range list {
		out = append(out, strings.ToLower(s))
	}
	return out
}

func normalizeAll(list []string) map[string]bool {
	out := make(map[string]bool, len(list))
	for _, d := range list {
		out[domain.Normalize(d)] = true
	}
	return out
}

// underWhich returns the entry of set that host is, or is a subdomain of,
// by looking up each of host's suffixes. Only the suffixes a DNS name can
// have (domain.MaxHostLength) are looked up, so a host of a million
// labels costs no more than a real one.
func underWhich(host string, set map[string]bool) string {
	h := domain.Normalize(host)
	if len(h) > domain.MaxHostLength {
		h = h[len(h)-domain.MaxHostLength:]
		if i := strings.IndexByte(h, '.'); i >= 0 {
			h = h[i+1:]
		}
	}
	for h != "" {
		if set[h] {
			return h
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			break
		}
		h = h[i+1:]
	}
	return ""
}

// BrandsOfDomain returns the brands whose legitimate domains include the
// organizational domain of host.
func (k *KB) BrandsOfDomain(host string) []*Brand {
	return k.brandOrgs[domain.Registrable(host)]
}

// IsBrandDomain reports whether host is under one of b's legitimate
// organizational domains.
func (k *KB) IsBrandDomain(b *Brand, host string) bool {
	for _, o := range k.BrandsOfDomain(host) {
		if o == b {
			return true
		}
	}
	return false
}
