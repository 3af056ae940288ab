package kb

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func phraseCategories(k *KB, text string) []string {
	var cats []string
	for _, h := range k.FindPhrases(FoldPhrase(text)) {
		if !slices.Contains(cats, h.Phrase.Category) {
			cats = append(cats, h.Phrase.Category)
		}
	}
	return cats
}

// TestPhraseSentences reads kb/testdata/phrase_sentences*.yaml (one file
// per language or theme): every category finds its "fires" sentences and
// stays quiet on its "quiet" ones.
func TestPhraseSentences(t *testing.T) {
	files, _ := filepath.Glob("testdata/phrase_sentences*.yaml")
	cases := map[string]struct{ Fires, Quiet []string }{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var one map[string]struct{ Fires, Quiet []string }
		if err := yaml.Unmarshal(b, &one); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for cat, c := range one {
			if !slices.Contains(PhraseCategories, cat) {
				t.Errorf("%s: unknown category %s", f, cat)
			}
			all := cases[cat]
			all.Fires = append(all.Fires, c.Fires...)
			all.Quiet = append(all.Quiet, c.Quiet...)
			cases[cat] = all
		}
	}
	k := Default()
	for _, cat := range PhraseCategories {
		c, ok := cases[cat]
		if !ok || len(c.Fires) == 0 || len(c.Quiet) == 0 {
			t.Errorf("%s: no test sentences", cat)
			continue
		}
		for _, s := range c.Fires {
			if !slices.Contains(phraseCategories(k, s), cat) {
				t.Errorf("%s: not found in %q", cat, s)
			}
		}
		for _, s := range c.Quiet {
			if got := phraseCategories(k, s); slices.Contains(got, cat) {
				t.Errorf("%s: fired on %q", cat, s)
			}
		}
	}
}

// TestEveryPhraseMatchesItself: each phrase of the data file, written
// into a sentence, is found under its category, so no entry is dead
// after normalisation.
func TestEveryPhraseMatchesItself(t *testing.T) {
	k := Default()
	for _, p := range k.phrases.phrases {
		text := "これは " + strings.ReplaceAll(p.Text, "…", "を") + " です"
		if !slices.Contains(phraseCategories(k, text), p.Category) {
			t.Errorf("%s %q: not found in %q", p.Category, p.Text, text)
		}
	}
}

func TestPhraseProximity(t *testing.T) {
	k := Default()
	near := "パスワードを再度入力してください"
	far := "パスワードの管理について。" + strings.Repeat("本日は晴天なり。", 10) + "入力してください"
	if !slices.Contains(phraseCategories(k, near), PhraseCredential) {
		t.Errorf("near pieces not joined: %q", near)
	}
	if slices.Contains(phraseCategories(k, far), PhraseCredential) {
		t.Errorf("pieces %d bytes apart joined", len(far))
	}
}

// TestEveryLanguageHasSentences: each phrase file's categories have
// sentences that must fire and sentences that must stay quiet in the
// sentence file of the same language (phrases-LANG.yaml beside
// testdata/phrase_sentences-LANG.yaml).
func TestEveryLanguageHasSentences(t *testing.T) {
	files, _ := filepath.Glob("data/phrases*.yaml")
	for _, f := range files {
		lang := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "phrases"), ".yaml")
		var data struct{ Phrases map[string][]string }
		b, err := os.ReadFile(f)
		if err != nil || yaml.Unmarshal(b, &data) != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var sentences map[string]struct{ Fires, Quiet []string }
		b, err = os.ReadFile(filepath.Join("testdata", "phrase_sentences"+lang+".yaml"))
		if err != nil || yaml.Unmarshal(b, &sentences) != nil {
			t.Errorf("%s: no sentence file for its language (%v)", f, err)
			continue
		}
		for cat := range data.Phrases {
			if s := sentences[cat]; len(s.Fires) == 0 || len(s.Quiet) == 0 {
				t.Errorf("%s: category %s has no fires or no quiet sentences", f, cat)
			}
		}
	}
}
