package kb

import (
	"os"
	"sort"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/mekiki/mekiki/domain"
)

// lureCases is kb/testdata/lure-platforms.yaml.
type lureCases struct {
	Groups []struct {
		Name      string            `yaml:"name"`
		List      string            `yaml:"list"`
		Fire      map[string]string `yaml:"fire"`       // entry → a link that must fire
		ExtraFire map[string]string `yaml:"extra_fire"` // more forms of an entry
		Quiet     []string          `yaml:"quiet"`
	} `yaml:"groups"`
}

// lureHit returns what the KB reports for u in list, the way check/link.go
// asks: the matched entry, or "" when the list stays quiet. It mirrors the
// check's exemptions for the provider's own site (www.<entry>, and the
// bare entry's root) and, for redirectors, asks that the link really
// leads elsewhere (Unwrap finds a target on another organisation).
func lureHit(k *KB, list string, u domain.URL) string {
	switch list {
	case "free_hosting":
		if f := k.FreeHosting(u.Host); f != "" && !(u.Host == "www."+f || u.Host == f && u.Path == "/") {
			return f
		}
	case "shorteners":
		if s := k.Shortener(u.Host); s != "" && !((u.Host == s || u.Host == "www."+s) && u.Path == "/") {
			return s
		}
	case "dynamic_dns":
		if d := k.DynamicDNS(u.Host); d != "" && u.Host != d && u.Host != "www."+d {
			return d
		}
	case "click_trackers":
		if k.IsClickTracker(u.Host) {
			return u.Host
		}
	case "redirectors":
		r := k.Redirector(u.Host)
		if w, ok := domain.Unwrap(u); r != "" && ok && w.Target.Registrable != u.Registrable {
			return r
		}
	}
	return ""
}

func readLureCases(t *testing.T) lureCases {
	t.Helper()
	b, err := os.ReadFile("testdata/lure-platforms.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var c lureCases
	if err := yaml.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Groups) == 0 {
		t.Fatal("testdata/lure-platforms.yaml has no groups")
	}
	return c
}

// TestLurePlatforms: every entry of data/lure-platforms.yaml has a link
// in the test data, that link raises exactly its entry through the
// embedded KB, and the legitimate links of each group stay quiet.
func TestLurePlatforms(t *testing.T) {
	k := Default()
	cases := readLureCases(t)

	raw, err := dataFS.ReadFile("data/lure-platforms.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var data file
	if err := yaml.Unmarshal(raw, &data); err != nil {
		t.Fatal(err)
	}
	lists := map[string][]string{"free_hosting": data.FreeHosting, "shorteners": data.Shorteners,
		"dynamic_dns": data.DynamicDNS, "click_trackers": data.ClickTrackers, "redirectors": data.Redirectors}
	covered := map[string]map[string]bool{}
	for _, g := range cases.Groups {
		if _, ok := lists[g.List]; !ok {
			t.Errorf("group %q: unknown list %q", g.Name, g.List)
			continue
		}
		if covered[g.List] == nil {
			covered[g.List] = map[string]bool{}
		}
		if len(g.Quiet) == 0 {
			t.Errorf("group %q has no quiet links", g.Name)
		}
		fire := map[string][]string{}
		for e, link := range g.Fire {
			fire[e] = append(fire[e], link)
		}
		for e, link := range g.ExtraFire {
			fire[e] = append(fire[e], link)
		}
		for entry, links := range fire {
			covered[g.List][entry] = true
			for _, link := range links {
				u, ok := domain.ParseURL(link)
				if !ok {
					t.Errorf("%s: %s: %q does not parse", g.Name, entry, link)
					continue
				}
				got := lureHit(k, g.List, u)
				want := entry
				if g.List == "click_trackers" {
					want = u.Host // IsClickTracker says only yes or no
				}
				if got != want {
					t.Errorf("%s: %q gives %s %q, want %q", g.Name, link, g.List, got, want)
				}
			}
		}
		for _, link := range g.Quiet {
			u, ok := domain.ParseURL(link)
			if !ok {
				t.Errorf("%s: quiet %q does not parse", g.Name, link)
				continue
			}
			if got := lureHit(k, g.List, u); got != "" {
				t.Errorf("%s: legitimate %q gives %s %q", g.Name, link, g.List, got)
			}
		}
	}
	for list, entries := range lists {
		var missing []string
		for _, e := range entries {
			if !covered[list][e] {
				missing = append(missing, e)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s: entries without a test link: %v", list, missing)
		}
	}
}

// TestLurePlatformsNotBrandsOwn: no entry is, or is a parent of, a
// brand's own registrable domain in brands.yaml, except where a group
// says so: the vendors' publishing hosts (forms.office.com under
// office.com) are subdomains, never the brand's whole domain.
func TestLurePlatformsNotBrandsOwn(t *testing.T) {
	k := Default()
	raw, err := dataFS.ReadFile("data/lure-platforms.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var data file
	if err := yaml.Unmarshal(raw, &data); err != nil {
		t.Fatal(err)
	}
	for _, list := range [][]string{data.FreeHosting, data.Shorteners, data.DynamicDNS} {
		for _, e := range list {
			if bs := k.BrandsOfDomain(e); len(bs) > 0 && domain.Registrable(e) == domain.Normalize(e) {
				t.Errorf("%s is %s's own domain", e, bs[0].ID)
			}
		}
	}
}
