package mekiki_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/kb"
)

// Japanese written for people (issue 20): every Japanese title and detail
// sentence of every team fixture's report is checked for what the issue
// found — ASCII double quotes, a space between Japanese and a bracket,
// the phrase matcher's gap marker, and English words. What the sentences
// quote from the mail (inside 「」, after 該当箇所：, evidence values)
// is the mail's own and is left out.

// jaAllowed are the English words a Japanese sentence may hold: names of
// headers, protocols and formats, and the words of mekiki's own names.
var jaAllowed = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`Authentication-Results Return-Path Reply-To Message-ID Sender From To Subject
		X-From-Domain X-Mailer Thread-Index X-Spam-Flag X-Spam-Status X-Spam Received Content-Type
		SPF DKIM DMARC ARC HELO EHLO DNS rDNS NXDOMAIN MIME HTML URL URI IP ID QR PDF CMS BCC Bcc NUL CR LF RLO
		http https Office Outlook Gmail RFC PPAP Emotet UTF-8 ISO-2022-JP Shift_JIS
		header from smtp mailfrom pass fail softfail none neutral temperror permerror policy
		display none mekiki online trusted-hosts undisclosed-recipients`) {
		jaAllowed[strings.ToLower(w)] = true
	}
}

var (
	quotedSpan  = regexp.MustCompile(`「[^「」]*」|『[^『』]*』`)
	wideChar    = `[\p{Han}\p{Hiragana}\p{Katakana}ー]`
	spaceBefore = regexp.MustCompile(wideChar + `[ 　]+[（「『【]`)
	spaceAfter  = regexp.MustCompile(`[）」』】][ 　]+` + wideChar)
	spaceInside = regexp.MustCompile(wideChar + `[ 　]+` + wideChar)
	gapInQuote  = regexp.MustCompile(`「[^」]*\S…\S[^」]*」`)
	latinWord   = regexp.MustCompile(`[A-Za-z][A-Za-z0-9_-]*[A-Za-z0-9]`)
	hostLike    = regexp.MustCompile(`[\w.+-]+@[\w.-]+|https?://\S+|[\w-]+(\.[\w-]+)+|[\w./-]*/[\w./-]*|\d+(\.\d+){3}`)
)

// evidenceStrings gathers every string of a finding's evidence, as its
// JSON holds them.
func evidenceStrings(evidence map[string]any, out *[]string) {
	js, _ := json.Marshal(evidence)
	var v any
	_ = json.Unmarshal(js, &v)
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			*out = append(*out, x)
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
}

// ownWords is a Japanese sentence without what it quotes from the mail.
func ownWords(s string, evidence map[string]any) string {
	if i := strings.Index(s, "該当箇所："); i >= 0 {
		s = s[:i]
	}
	var ev []string
	evidenceStrings(evidence, &ev)
	sort.Slice(ev, func(i, j int) bool { return len(ev[i]) > len(ev[j]) })
	for _, e := range ev {
		if len(e) > 1 {
			s = strings.ReplaceAll(s, e, "〓")
		}
	}
	for quotedSpan.MatchString(s) {
		s = quotedSpan.ReplaceAllString(s, "〓")
	}
	return hostLike.ReplaceAllString(s, "〓")
}

func TestJapaneseSentences(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	a, err := mekiki.New(mekiki.Options{})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, b := range kb.Default().Brands {
		for _, w := range latinWord.FindAllString(b.Name+" "+b.NameJA, -1) {
			names[strings.ToLower(w)] = true
		}
	}
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := a.Analyze(context.Background(), bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		for _, f := range rep.Findings {
			for _, s := range []string{f.TitleJA, f.DetailJA} {
				where := name + " " + string(f.ID)
				if spaceBefore.MatchString(s) || spaceAfter.MatchString(s) {
					t.Errorf("%s: a space beside a bracket: %s", where, s)
				}
				if spaceInside.MatchString(quotedSpan.ReplaceAllString(s, "「〓」")) {
					t.Errorf("%s: a space between Japanese words: %s", where, s)
				}
				if gapInQuote.MatchString(s) {
					t.Errorf("%s: a phrase shown with its gap marker: %s", where, s)
				}
				own := ownWords(s, f.Evidence)
				if strings.Contains(own, `"`) {
					t.Errorf("%s: ASCII double quotes in Japanese: %s", where, s)
				}
				for _, w := range latinWord.FindAllString(own, -1) {
					if lw := strings.ToLower(w); !jaAllowed[lw] && !names[lw] {
						t.Errorf("%s: English word %q in Japanese: %s", where, w, s)
					}
				}
			}
			for _, key := range []string{"phrases", "claims", "payment", "reassurance"} {
				ps, _ := f.Evidence[key].([]string)
				for _, p := range ps {
					if strings.Contains(p, "…") {
						t.Errorf("%s %s: evidence %s shows the pattern %q, not the text", name, f.ID, key, p)
					}
				}
			}
		}
	}
}

// The rules catch what the issue found.
func TestJapaneseSentenceRules(t *testing.T) {
	for _, c := range []struct {
		s  string
		re *regexp.Regexp
	}{
		{"送信元ドメイン x は Amazon（アマゾン） の正規ドメインではありません。", spaceAfter},
		{"添付ファイル 「a.zip」は", spaceBefore},
		{"このメールは 192.0.2.1（逆引き なし、HELO なし）から", spaceInside},
		{"入力を求めています（「本人確認…ください」: …）。", gapInQuote},
	} {
		if !c.re.MatchString(c.s) {
			t.Errorf("%v does not catch %s", c.re, c.s)
		}
	}
	if own := ownWords(`添付ファイル "a.zip" の名前は`, nil); !strings.Contains(own, `"`) {
		t.Error("ASCII quotes are not caught")
	}
	if w := latinWord.FindAllString(ownWords("[high] リンク先 x.example は「Sign in」です。", nil), -1); len(w) != 1 || w[0] != "high" {
		t.Errorf("English words found: %v", w)
	}
}
