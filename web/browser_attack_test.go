package web

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// attackerSite serves, on another loopback port (another origin), pages
// that drive mekiki's page the way a site the user visits could.
func attackerSite(t *testing.T, mekikiURL string, id int64) *httptest.Server {
	t.Helper()
	pages := map[string]string{
		"/delete": fmt.Sprintf(`<form method="post" action="%s/history/%d/delete"></form>`, mekikiURL, id),
		"/analyze": `<form method="post" action="` + mekikiURL + `/analyze"><textarea name="source">` +
			html.EscapeString(strings.ReplaceAll(confusingMail(""), "\r\n", "\n")) + `</textarea></form>`,
		"/upload": `<form method="post" action="` + mekikiURL + `/analyze" enctype="multipart/form-data"><textarea name="source">` +
			"Subject: planted\n\nplanted by another site\n" + `</textarea></form>`,
	}
	mux := http.NewServeMux()
	for path, form := range pages {
		mux.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><title>win a prize</title><body>%s<script>document.forms[0].submit()</script>`, form)
		})
	}
	mux.HandleFunc("GET /fetch", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><title>win a prize</title><p>nothing to see</p>`))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestBrowserCrossSiteFormsRefused(t *testing.T) {
	b := newBrowser(t)
	var analyses atomic.Int32
	s := &Server{analysing: func() { analyses.Add(1) }}
	srv, id := withHistory(t, s)
	evil := attackerSite(t, srv.URL, id)
	for _, path := range []string{"/delete", "/analyze", "/upload"} {
		// The page submits itself on load; Chromium then shows mekiki's
		// answer.
		err := chromedp.Do(b.ctx, chromedp.Navigate(evil.URL+path), chromedp.WaitReady(chromedp.ID("refused")))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		text, _ := chromedp.Run(b.ctx, chromedp.Text(chromedp.ID("refused")))
		loc, _ := chromedp.Run(b.ctx, chromedp.Location())
		if !strings.HasPrefix(loc, srv.URL) || !strings.Contains(text, "別のサイト") || !strings.Contains(text, "another site") {
			t.Errorf("%s: at %s, %q", path, loc, text)
		}
	}
	// A script on that site posting to the API: the answer is opaque to
	// it, and the request is refused before any analysis.
	js, _ := json.Marshal(srv.URL + "/api/v1/analyze")
	body, _ := json.Marshal(confusingMail(""))
	if err := chromedp.Do(b.ctx, chromedp.Navigate(evil.URL+"/fetch")); err != nil {
		t.Fatal(err)
	}
	typ, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`fetch(`+string(js)+`, {method: "POST", mode: "no-cors", body: `+string(body)+`}).then(r => r.type)`, chromedp.EvalAwaitPromise))
	if err != nil || typ != "opaque" {
		t.Errorf("fetch: %q %v", typ, err)
	}
	recent, _ := s.History.Recent(10)
	if len(recent) != 1 || recent[0].ID != id || analyses.Load() != 0 {
		t.Errorf("after the other site's requests: history %+v, %d analyses", recent, analyses.Load())
	}
}

// previewText is the text Chromium shows in the report page's sandboxed
// preview frame, which runs as a target of its own.
func previewText(t *testing.T, b *browser, seen map[target.ID]bool) string {
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
			text, err := chromedp.Run(fctx, chromedp.Evaluate[string](`document.body.innerText`))
			if err != nil {
				t.Fatal(err)
			}
			return text
		}
		if err := b.ctx.Err(); err != nil {
			t.Fatalf("no preview frame: %v", err)
		}
	}
}

func TestBrowserPreviewSurvivesParserConfusion(t *testing.T) {
	b := newBrowser(t)
	srv := newServer(t, "", 0)
	seen := map[target.ID]bool{}
	for _, prefix := range confusingMarkup {
		js, _ := json.Marshal(confusingMail(prefix))
		err := chromedp.Do(b.ctx,
			chromedp.Navigate(srv.URL+"/"),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("source").value = `+string(js)+`; undefined`),
			chromedp.Click(chromedp.ID("check")),
			chromedp.WaitVisible(chromedp.ID("verdict")),
		)
		if err != nil {
			t.Fatal(err)
		}
		if text := previewText(t, b, seen); !strings.Contains(text, lureText) {
			t.Errorf("%s: Chromium's preview shows %q", prefix, text)
		}
	}
}
