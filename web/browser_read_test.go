package web

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/mekiki/mekiki/internal/integration"
)

// japaneseFonts are the font families fontconfig says cover Japanese
// (fonts-noto-cjk gives "Noto Sans CJK JP").
func japaneseFonts(t *testing.T) map[string]bool {
	t.Helper()
	out, err := exec.Command("fc-list", ":lang=ja", "family").Output()
	fams := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		for _, f := range strings.Split(line, ",") {
			if f = strings.TrimSpace(f); f != "" {
				fams[f] = true
			}
		}
	}
	if err != nil || len(fams) == 0 {
		integration.RequireOrSkip(t, "no Japanese font is installed (apt-get install fonts-noto-cjk)")
	}
	return fams
}

// platformFonts are the fonts Chromium drew the text of the first node
// matching sel with, and how many glyphs each drew.
func platformFonts(t *testing.T, b *browser, sel string) map[string]float64 {
	t.Helper()
	if _, err := chromedp.Call(b.ctx, dom.Enable, dom.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(b.ctx, css.Enable, struct{}{}); err != nil {
		t.Fatal(err)
	}
	doc, err := chromedp.Call(b.ctx, dom.GetDocument, dom.GetDocumentParams{})
	if err != nil {
		t.Fatal(err)
	}
	n, err := chromedp.Call(b.ctx, dom.QuerySelector, dom.QuerySelectorParams{NodeID: doc.Root.NodeID, Selector: sel})
	if err != nil || n.NodeID == 0 {
		t.Fatalf("%s: no node (%v)", sel, err)
	}
	res, err := chromedp.Call(b.ctx, css.GetPlatformFontsForNode, css.GetPlatformFontsForNodeParams{NodeID: n.NodeID})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, f := range res.Fonts {
		out[f.FamilyName] += f.GlyphCount
	}
	return out
}

// previewFrameHeight is the height of the content of the report page's
// sandboxed preview frame (a target of its own), the first not in seen.
func previewFrameHeight(t *testing.T, b *browser, seen map[target.ID]bool) float64 {
	t.Helper()
	for {
		targets, err := chromedp.Targets(b.ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, tg := range targets {
			if tg.Type != "iframe" || tg.URL != "about:srcdoc" || seen[tg.TargetID] {
				continue
			}
			seen[tg.TargetID] = true
			fctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(tg.TargetID), chromedp.WithDetachOnCancel())
			defer cancel()
			if _, err := chromedp.Run(fctx, chromedp.Poll[bool](`document.readyState === "complete"`)); err != nil {
				t.Fatal(err)
			}
			h, err := chromedp.Run(fctx, chromedp.Evaluate[float64](`(() => { const r = document.createRange(); r.selectNodeContents(document.body); return r.getBoundingClientRect().bottom + window.scrollY; })()`))
			if err != nil {
				t.Fatal(err)
			}
			return h
		}
		if err := b.ctx.Err(); err != nil {
			t.Fatalf("no preview frame: %v", err)
		}
	}
}

// pageFacts is what TestBrowserReportReadsFirst measures on the page.
type pageFacts struct {
	Fold          float64 `json:"fold"`
	Summary       string  `json:"summary"`
	SummaryBottom float64 `json:"summaryBottom"`
	Steps         int     `json:"steps"`
	AdviceBottom  float64 `json:"adviceBottom"`
	ScoreSize     float64 `json:"scoreSize"`
	VerdictSize   float64 `json:"verdictSize"`
	BadRows       int     `json:"badRows"`
	FirstRowBad   bool    `json:"firstRowBad"`
	BadRowText    string  `json:"badRowText"`
	LastHeading   string  `json:"lastHeading"`
	ShownWidth    float64 `json:"shownWidth"`
	EvidenceOpen  int     `json:"evidenceOpen"`
	FrameHeight   float64 `json:"frameHeight"`
}

const measure = `(() => {
  const r = s => document.querySelector(s).getBoundingClientRect();
  const bad = document.querySelectorAll("#links tr.bad");
  const rows = document.querySelectorAll("#links tbody tr");
  const th = document.querySelectorAll("#links thead th");
  return JSON.stringify({
    fold: window.innerHeight,
    summary: document.querySelector("#summary").innerText,
    summaryBottom: r("#summary").bottom,
    steps: document.querySelectorAll("#advice li").length,
    adviceBottom: r("#advice ol").bottom,
    scoreSize: parseFloat(getComputedStyle(document.querySelector("#verdict .score")).fontSize),
    verdictSize: parseFloat(getComputedStyle(document.querySelector("#verdict h1")).fontSize),
    badRows: bad.length,
    firstRowBad: rows.length > 0 && rows[0].classList.contains("bad"),
    badRowText: bad.length ? bad[0].innerText : "",
    lastHeading: th.length ? th[th.length - 1].innerText : "",
    shownWidth: document.querySelector("#links td.shown").getBoundingClientRect().width,
    evidenceOpen: [...document.querySelectorAll("#evidence .card .ev")].filter(e => e.checkVisibility()).length,
    frameHeight: r("#preview iframe").height,
  });
})()`

// TestBrowserReportReadsFirst: at 1280×800 a person sees, before
// scrolling, the verdict, the summary sentence and the steps to take; the
// offending link is marked in the links table; the Japanese text is drawn
// with a Japanese font; the preview frame is not much taller than what it
// shows.
func TestBrowserReportReadsFirst(t *testing.T) {
	b := newBrowserSized(t, 1280, 800)
	fonts := japaneseFonts(t)
	srv := newServer(t, "", 0)
	err := chromedp.Do(b.ctx,
		chromedp.EmulateViewport(1280, 800),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.SetUploadFiles(chromedp.ID("mail"), []string{abs(t, "../testdata/phish-iso2022jp-amazon.eml")}),
		chromedp.Click(chromedp.ID("check")),
		chromedp.WaitVisible(chromedp.ID("verdict")),
	)
	if err != nil {
		t.Fatal(err)
	}
	js, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](measure))
	if err != nil {
		t.Fatal(err)
	}
	var p pageFacts
	if err := json.Unmarshal([]byte(js), &p); err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", p)
	if p.Fold < 700 || p.Fold > 800 {
		t.Fatalf("viewport height %v, want 800", p.Fold)
	}
	if !strings.Contains(p.Summary, "フィッシング") || p.SummaryBottom > p.Fold {
		t.Errorf("summary %q ends at %vpx, below the fold (%vpx)", p.Summary, p.SummaryBottom, p.Fold)
	}
	if p.Steps < 3 || p.AdviceBottom > p.Fold {
		t.Errorf("%d advice steps ending at %vpx, below the fold (%vpx)", p.Steps, p.AdviceBottom, p.Fold)
	}
	if p.ScoreSize >= p.VerdictSize/2 {
		t.Errorf("the score (%vpx) is not small beside the verdict (%vpx)", p.ScoreSize, p.VerdictSize)
	}
	if p.BadRows < 1 || !p.FirstRowBad || !strings.Contains(p.BadRowText, "⚠") || !strings.Contains(p.BadRowText, "amaz0n-co-jp.verify-account.top") {
		t.Errorf("the offending link is not marked first: %d rows, first bad %v, %q", p.BadRows, p.FirstRowBad, p.BadRowText)
	}
	if p.LastHeading != "問題点" || p.ShownWidth < 120 {
		t.Errorf("links table: last heading %q, shown-text column %vpx wide", p.LastHeading, p.ShownWidth)
	}
	if p.EvidenceOpen != 0 {
		t.Errorf("%d evidence maps shown in the cards' bodies, not behind their toggles", p.EvidenceOpen)
	}
	// The frame holds its content without a large empty area below it.
	content := previewFrameHeight(t, b, map[target.ID]bool{})
	t.Logf("preview frame %vpx, content %vpx", p.FrameHeight, content)
	if p.FrameHeight > max(content, 120)+160 {
		t.Errorf("preview frame %vpx tall for %vpx of content", p.FrameHeight, content)
	}
	b.mu.Lock()
	if len(b.dialogs) > 0 {
		t.Errorf("JavaScript dialogs opened: %v", b.dialogs)
	}
	b.mu.Unlock()
	// Japanese text drawn with a Japanese font, not boxes or a fallback.
	for _, sel := range []string{"#summary", "#advice li"} {
		used := platformFonts(t, b, sel)
		t.Logf("%s: %v", sel, used)
		ja, all := 0.0, 0.0
		for fam, n := range used {
			all += n
			if fonts[fam] {
				ja += n
			}
		}
		if all == 0 || ja < all/2 {
			t.Errorf("%s drawn with %v; want mostly one of the Japanese fonts", sel, used)
		}
		if fonts["Noto Sans CJK JP"] && used["Noto Sans CJK JP"] == 0 {
			t.Errorf("%s drawn with %v, not Noto Sans CJK JP", sel, used)
		}
	}
}

// TestBrowserPreviewFitsItsText: across mails short and long, plain and
// HTML, the preview frame leaves no large empty area under the mail.
func TestBrowserPreviewFitsItsText(t *testing.T) {
	b := newBrowserSized(t, 1280, 800)
	srv := newServer(t, "", 0)
	seen := map[target.ID]bool{}
	for _, f := range []string{"phish-iso2022jp-amazon.eml", "phish-offbrand-paypal.eml", "phish-shape-tells.eml", "content-hidden-salad.eml",
		"legit-esp-newsletter.eml", "legit-newsletter-links.eml", "phish-body-password-form.eml", "content-sextortion-ja.eml"} {
		err := chromedp.Do(b.ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(srv.URL+"/"),
			chromedp.SetUploadFiles(chromedp.ID("mail"), []string{abs(t, "../testdata/"+f)}),
			chromedp.Click(chromedp.ID("check")), chromedp.WaitVisible(chromedp.ID("verdict")))
		if err != nil {
			t.Fatal(err)
		}
		frame, err := chromedp.Run(b.ctx, chromedp.Evaluate[float64](`document.querySelector("#preview iframe").getBoundingClientRect().height`))
		if err != nil {
			t.Fatal(err)
		}
		content := previewFrameHeight(t, b, seen)
		t.Logf("%s: frame %vpx, content %vpx", f, frame, content)
		if frame > 140 && frame > content+120 {
			t.Errorf("%s: preview frame %vpx tall for %vpx of content", f, frame, content)
		}
	}
}
