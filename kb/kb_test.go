package kb

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/match"
)

func TestDefaultLoads(t *testing.T) {
	k := Default()
	if len(k.Brands) < 40 {
		t.Errorf("only %d brands; the foundation needs at least 40", len(k.Brands))
	}
	ids := map[string]bool{}
	for _, b := range k.Brands {
		if ids[b.ID] {
			t.Errorf("brand id %s twice", b.ID)
		}
		ids[b.ID] = true
		if b.Source == "" || b.Name == "" || b.NameJA == "" {
			t.Errorf("brand %s lacks a name, Japanese name or source", b.ID)
		}
		for _, d := range b.Domains {
			if domain.Registrable(d) != d {
				t.Errorf("brand %s: %s is not a registrable domain (it is %q)", b.ID, d, domain.Registrable(d))
			}
		}
	}
	if k.Thresholds.Phishing <= k.Thresholds.Suspicious {
		t.Errorf("thresholds %+v: phishing must be above suspicious", k.Thresholds)
	}
}

// TestEveryNameIsFound proves each brand name in the data matches in a
// sentence, and that names match as words, not inside other words.
func TestEveryNameIsFound(t *testing.T) {
	k := Default()
	for _, b := range k.Brands {
		for _, n := range append(append([]string{}, b.Names...), b.NamesCS...) {
			found := false
			for _, m := range k.FindBrands("【重要】" + n + " からのお知らせ") {
				if m.Brand.ID == b.ID {
					found = true
				}
			}
			if !found {
				t.Errorf("brand %s: name %q is not found in a sentence", b.ID, n)
			}
		}
		for _, n := range b.ExactNames {
			if ms := k.FindBrandsInName(n); len(ms) == 0 || ms[len(ms)-1].Brand.ID != b.ID {
				t.Errorf("brand %s: exact name %q not found as a display name", b.ID, n)
			}
		}
	}
}

// TestEveryContextName: a brand's short or ambiguous names (context_names)
// count as a claim beside one of its context words, and not alone.
func TestEveryContextName(t *testing.T) {
	k := Default()
	for _, b := range k.Brands {
		for _, n := range b.ContextNames {
			claims := func(text string) bool {
				for _, m := range k.FindBrands(text) {
					if m.Brand.ID == b.ID {
						return true
					}
				}
				return false
			}
			if !claims("Notice from " + n + ": " + b.Context[0]) {
				t.Errorf("brand %s: %q beside %q is no claim", b.ID, n, b.Context[0])
			}
			if claims("Notice from " + n + " about the meeting") {
				t.Errorf("brand %s: %q alone is a claim", b.ID, n)
			}
		}
	}
}

// TestContextNames: with a brand defined in a user file, the ambiguous
// name needs its context, as a word.
func TestContextNames(t *testing.T) {
	f := filepath.Join(t.TempDir(), "ctx.yaml")
	data := `brands:
  - id: examplerail
    name: Example Rail
    name_ja: 例鉄道
    names: [example rail]
    context_names: [ER]
    context: [ticket, fahrkarte]
    domains: [examplerail.example]
    source: test
`
	if err := os.WriteFile(f, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	k, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]bool{
		"ER: your ticket is ready":        true,
		"Ihre ER Fahrkarte":               true,
		"ER: the meeting moved":           false,
		"er, the tickets are here":        false, // case-sensitive
		"ER: see the ticketing system":    false, // context as a word
		"ERROR: your ticket is not ready": false, // name as a word
	} {
		got := false
		for _, m := range k.FindBrands(text) {
			got = got || m.Brand.ID == "examplerail"
		}
		if got != want {
			t.Errorf("%q: claim %v, want %v", text, got, want)
		}
	}
}

func TestNamesStayQuiet(t *testing.T) {
	k := Default()
	for _, text := range []string{
		"This line is fine, because the visa application etc. was sent by Ana.",
		"オリオン座とライオンが見えるエンドポイントの話",
		"Please review the patch to the au1x00 driver.",
	} {
		if ms := k.FindBrands(text); len(ms) > 0 {
			t.Errorf("%q: found %s (%q)", text, ms[0].Brand.ID, ms[0].Name)
		}
	}
	if ms := k.FindBrands("au"); len(ms) > 0 {
		t.Errorf("exact name au matched outside a display name")
	}
}

func TestLists(t *testing.T) {
	k := Default()
	if !k.IsFreemail("gmail.com") || !k.IsFreemail("I.SoftBank.jp") || k.IsFreemail("mail.yahoo.co.jp") || k.IsFreemail("example.co.jp") {
		t.Error("IsFreemail is wrong")
	}
	if !k.IsESP("em1234.sendgrid.net") || k.IsESP("example.co.jp") {
		t.Error("IsESP is wrong")
	}
	if bs := k.BrandsOfDomain("login.rakuten-card.co.jp"); len(bs) == 0 || bs[0].ID != "rakuten" {
		t.Errorf("BrandsOfDomain(login.rakuten-card.co.jp) = %v", bs)
	}
	if bs := k.BrandsOfDomain("rakuten-card.co.jp.evil.example"); len(bs) != 0 {
		t.Error("a brand domain as subdomain of another domain must not count")
	}
}

func TestUserOverride(t *testing.T) {
	f := filepath.Join(t.TempDir(), "mine.yaml")
	data := `brands:
  - id: examplebank
    name: Example Bank
    name_ja: 例銀行
    names: [例銀行]
    domains: [examplebank.co.jp]
    source: test
thresholds: {suspicious: 3, phishing: 6}
findings:
  sender.brand_mismatch: {high: 7}
`
	if err := os.WriteFile(f, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	k, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	if k.Brand("examplebank") == nil || k.Brand("amazon") == nil {
		t.Error("override must add a brand and keep the built-in ones")
	}
	if k.Thresholds.Phishing != 6 || k.Score("sender.brand_mismatch", "high") != 7 {
		t.Errorf("override thresholds/scores not applied: %+v %v", k.Thresholds, k.Score("sender.brand_mismatch", "high"))
	}
	if err := os.WriteFile(f, []byte("brands: [oops"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(f); err == nil {
		t.Error("broken YAML must be an error")
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Error("missing file must be an error")
	}
}

func BenchmarkFindBrands(b *testing.B) {
	k := Default()
	text := match.Normalize("お客様のアカウントで不審なログインが検出されました。24時間以内に本人確認を行ってください。")
	for b.Loop() {
		k.FindBrands(text)
	}
}

// TestAmbiguousNames: the short or ambiguous names the issue names are
// claims beside their brand's context, and not in ordinary sentences.
func TestAmbiguousNames(t *testing.T) {
	k := Default()
	claims := func(text, id string) bool {
		for _, m := range k.FindBrands(text) {
			if m.Brand.ID == id {
				return true
			}
		}
		return false
	}
	for _, c := range []struct {
		id, fires, quiet string
	}{
		{"deutschebahn", "DB: Ihre Fahrkarte ist bereit, Erstattung beantragen", "The DB server is down again, see the logs"},
		{"bancodobrasil", "BB: sua conta foi bloqueada, acesse a agência", "Try the new BB cream from our shop"},
		{"ledger", "Ledger: verify your recovery phrase to keep your wallet", "Please reconcile the general Ledger before Friday"},
		{"stake", "Stake: claim your free spins in the casino today", "We hold a Stake in the company since 2019"},
		{"ups", "UPS: your package could not be delivered, tracking number 1Z999", "The UPS in the server room failed last night"},
	} {
		if !claims(c.fires, c.id) {
			t.Errorf("%s: no claim in %q", c.id, c.fires)
		}
		if claims(c.quiet, c.id) {
			t.Errorf("%s: claim in %q", c.id, c.quiet)
		}
	}
}
