package check

import (
	"fmt"
	"strings"

	"github.com/mekiki/mekiki/finding"

	"github.com/mekiki/mekiki/domain"
)

// lookalikeHit turns one way a URL imitates a brand into a link hit.
func lookalikeHit(in *Input, u domain.URL, l domain.Lookalike, add func(id finding.ID, host, detail string) *linkHit) {
	var id finding.ID
	sev := High
	switch l.Kind {
	case domain.LookalikeDomain:
		id = finding.URLLookalikeDomain
		if l.Method == domain.MethodOtherSuffix {
			sev = Medium
		}
	case domain.IDNHomoglyph:
		id = finding.URLIDNHomoglyph
	case domain.BrandInSubdomain:
		id = finding.URLBrandInSubdomain
		if l.Method == domain.MethodKeyword {
			sev = Medium
		}
	case domain.BrandInPath:
		id, sev = finding.URLBrandInSubdomain, Medium
	case domain.BrandKeyword:
		// An ordinary-word brand token (office) fires only beside two
		// security words, and then weighs a little less than a name.
		id = finding.URLBrandKeywordDomain
		if l.Weak {
			sev = Medium
		}
	case domain.DomainInSubdomain:
		id, sev = finding.URLDomainInSubdomain, Medium
	default:
		return
	}
	h := add(id, u.Host, l.Marked)
	h.Sev = sev
	h.Ev = map[string]any{"url": u.String(), "method": l.Method, "found": l.Found, "marked": l.Marked}
	if l.Kind == domain.BrandInPath {
		h.Ev["where"] = "path"
	}
	if l.Brand != "" {
		h.Name, h.NameJA = l.Brand, l.Brand
		if b := in.KB.Brand(l.Brand); b != nil {
			h.Name, h.NameJA = b.Name, b.NameJA
			if h.NameJA == "" {
				h.NameJA = b.Name
			}
		}
		h.Ev["brand"] = l.Brand
		h.Ev["legit_domain"] = l.Legit
		h.Ev["brand_token"] = l.Token
	}
	if len(l.Keywords) > 0 {
		h.Ev["keywords"] = l.Keywords
	}
	if u.HostUnicode != u.Host {
		h.Ev["unicode_host"] = u.HostUnicode
	}
}

// mixedScriptHost reports an internationalised host with a label that
// mixes Latin and another alphabet, when no brand was recognised in it.
func mixedScriptHost(u domain.URL) string {
	if u.HostUnicode == u.Host {
		return ""
	}
	for _, label := range strings.Split(u.HostUnicode, ".") {
		if domain.MixedScript(label) {
			return label
		}
	}
	return ""
}

// openRedirector returns who redirects: a link on a brand's own domain,
// or on a service known to redirect anywhere (kb redirectors), that sends
// the reader to another organisation through a parameter. The brand's
// own mail (Google Calendar's google.com/url?q= links) does not count,
// nor do ESP click trackers.
func openRedirector(in *Input, wrapper, dest domain.URL) string {
	if wrapper.Registrable == dest.Registrable || in.KB.IsClickTracker(wrapper.Host) {
		return ""
	}
	name := ""
	brands := in.KB.BrandsOfDomain(wrapper.Host)
	if len(brands) > 0 {
		name = brands[0].Name
	} else if r := in.KB.Redirector(wrapper.Host); r != "" {
		name = r
	}
	if name == "" {
		return ""
	}
	for _, b := range brands {
		if in.KB.IsBrandDomain(b, dest.Host) {
			return ""
		}
		for _, fb := range in.FromBrands {
			if fb == b && in.DKIMAligned() {
				return ""
			}
		}
	}
	return name
}

// loginLure returns the login or verification word behind a link: in one
// of its visible texts ("今すぐ認証", "Sign in"), the lure the reader sees,
// or only in its path (/login.php); inText tells which.
func loginLure(in *Input, v *LinkView, dest domain.URL) (word string, inText bool) {
	for _, text := range v.AllTexts() {
		if w := in.KB.LoginLure(text); w != "" {
			return w, true
		}
	}
	for _, piece := range strings.FieldsFunc(strings.ToLower(dest.Path), func(r rune) bool {
		return r == '/' || r == '-' || r == '_' || r == '.'
	}) {
		if in.KB.IsLoginPath(piece) {
			return piece, false
		}
	}
	return "", false
}

func lookalikeText(id finding.ID, h linkHit, more, moreEN string) (ja, en string) {
	brand, brandJA := h.Name, h.NameJA
	legit, _ := h.Ev["legit_domain"].(string)
	switch id {
	case finding.URLLookalikeDomain:
		if h.Ev["method"] == domain.MethodOtherSuffix {
			return fmt.Sprintf("リンク先 %s は、%s の正規ドメイン %s と同じ名前を別のドメインで取ったものです%s。", h.Host, brandJA, legit, more),
				fmt.Sprintf("The link goes to %s, %s's name %s registered under another suffix%s.", h.Host, brand, legit, moreEN)
		}
		return fmt.Sprintf("リンク先 %s は、%s の正規ドメイン %s に似せた偽のドメインです（違う文字：%s）%s。", h.Host, brandJA, legit, h.Detail, more),
			fmt.Sprintf("The link goes to %s, a domain made to look like %s's %s (differing characters: %s)%s.", h.Host, brand, legit, h.Detail, moreEN)
	case finding.URLIDNHomoglyph:
		uh, _ := h.Ev["unicode_host"].(string)
		if brand == "" {
			return fmt.Sprintf("リンク先 %s（表示は %s）は、ラテン文字と別の文字体系の文字を混ぜたドメインです%s。", h.Host, uh, more),
				fmt.Sprintf("The link goes to %s (shown as %s), a domain mixing Latin letters with another alphabet%s.", h.Host, uh, moreEN)
		}
		return fmt.Sprintf("リンク先 %s は %s と表示されますが、見た目の似た別の文字を使った偽のドメインで、%s の正規ドメイン %s ではありません%s。", h.Host, uh, brandJA, legit, more),
			fmt.Sprintf("The link goes to %s, shown as %s: look-alike characters imitating %s's %s%s.", h.Host, uh, brand, legit, moreEN)
	case finding.URLBrandInSubdomain:
		if h.Ev["where"] == "path" {
			return fmt.Sprintf("リンク先 %s のパス（%s）に %s の名前とログイン用の語が入っていますが、%s とは無関係のサイトです%s。", h.Host, h.Ev["found"], brandJA, brandJA, more),
				fmt.Sprintf("The link path on %s (%s) carries %s's name beside a login word, on a site unrelated to %s%s.", h.Host, h.Ev["found"], brand, brand, moreEN)
		}
		return fmt.Sprintf("リンク先 %s は、サブドメインに %s の名前（%s）を入れて正規サイトに見せかけていますが、実際のドメインは %s です%s。", h.Host, brandJA, h.Detail, domain.Registrable(h.Host), more),
			fmt.Sprintf("The link goes to %s: %s's name (%s) is put in the subdomain to look genuine, but the real domain is %s%s.", h.Host, brand, h.Detail, domain.Registrable(h.Host), moreEN)
	case finding.URLBrandKeywordDomain:
		words, _ := h.Ev["keywords"].([]string)
		kw := strings.Join(words, ", ")
		return fmt.Sprintf("リンク先 %s は、%s の名前に %s などの語を付けたドメインで、%s の正規ドメイン（%s）ではありません%s。", h.Host, brandJA, strings.Join(words, "、"), brandJA, legit, more),
			fmt.Sprintf("The link goes to %s, a domain that glues %s's name to words like %s; it is not %s's own (%s)%s.", h.Host, brand, kw, brand, legit, moreEN)
	case finding.URLDomainInSubdomain:
		return fmt.Sprintf("リンク先 %s は、サブドメインに別のドメイン名（%s）を書いて本物に見せかけていますが、実際のドメインは %s です%s。", h.Host, h.Detail, domain.Registrable(h.Host), more),
			fmt.Sprintf("The link goes to %s: another domain name (%s) is written in the subdomain to look genuine, but the real domain is %s%s.", h.Host, h.Detail, domain.Registrable(h.Host), moreEN)
	}
	return "", ""
}
