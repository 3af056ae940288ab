package web

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/advice"
)

// reportPage analyses the fixture through the page in lang and returns
// the page and the API's report of the same mail.
func reportPage(t *testing.T, name, lang string) (string, *mekiki.Report) {
	t.Helper()
	srv := serveTest(t, &Server{})
	raw := string(fixture(t, name))
	r := do(t, "POST", srv.URL+"/analyze?lang="+lang, "", formType, url.Values{"source": {raw}}.Encode())
	if r.code != 200 {
		t.Fatalf("analyze %s: %d", name, r.code)
	}
	var rep mekiki.Report
	if err := json.Unmarshal([]byte(do(t, "POST", srv.URL+"/api/v1/analyze", "", nil, raw).body), &rep); err != nil {
		t.Fatal(err)
	}
	return r.body, &rep
}

func section(page, id string) string {
	return regexp.MustCompile(`(?s)<section[^>]* id="` + id + `"[^>]*>.*?</section>`).FindString(page)
}

// TestReportPageBanner: the verdict, the summary and the advice come
// first; the advice links only to the knowledge base's own addresses;
// Japanese leaves out the steps meant for readers abroad.
func TestReportPageBanner(t *testing.T) {
	page, rep := reportPage(t, "phish-iso2022jp-amazon.eml", "ja")
	iv, ia, ie := strings.Index(page, `id="verdict"`), strings.Index(page, `id="advice"`), strings.Index(page, `id="evidence"`)
	if iv < 0 || ia < iv || ie < ia {
		t.Fatalf("order: verdict %d, advice %d, evidence %d", iv, ia, ie)
	}
	banner := section(page, "verdict")
	if !strings.Contains(banner, "フィッシング") || !strings.Contains(banner, `<p id="summary">`+rep.SummaryJA+`</p>`) || !strings.Contains(banner, `class="score"`) {
		t.Errorf("banner: %s", banner)
	}
	adv := section(page, "advice")
	hrefs := regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(adv, -1)
	if len(hrefs) == 0 {
		t.Fatal("the advice links nowhere")
	}
	fromMail := map[string]bool{}
	for _, l := range rep.Links {
		fromMail[l.Href] = true
	}
	want := map[string]bool{}
	for _, s := range rep.Advice {
		if s.Contact != nil {
			want["mailto:"+s.Contact.Email], want[s.Contact.URL] = true, true
		}
	}
	for _, h := range hrefs {
		if href := strings.ReplaceAll(h[1], "&amp;", "&"); !want[href] || fromMail[href] || !(strings.HasPrefix(href, "mailto:") || strings.HasPrefix(href, "https://")) {
			t.Errorf("advice link %q is not one of the knowledge base's contacts", href)
		}
	}
	for _, w := range []string{"mailto:info@antiphishing.jp", "https://www.antiphishing.jp/", "#9110"} {
		if !strings.Contains(adv, w) {
			t.Errorf("advice lacks %q", w)
		}
	}
	if strings.Contains(adv, "report_abroad") || strings.Contains(adv, "phishing.gov.uk") {
		t.Error("the Japanese page lists the steps for readers abroad")
	}
	en, _ := reportPage(t, "phish-iso2022jp-amazon.eml", "en")
	if adv := section(en, "advice"); !strings.Contains(adv, "mailto:report@phishing.gov.uk") || !strings.Contains(adv, "What to do now") {
		t.Errorf("the English advice lacks the step for readers abroad: %s", adv)
	}
}

// TestReportPageCleanIsNotSafe: a clean verdict says nothing conclusive
// was found, never that the mail is safe.
func TestReportPageCleanIsNotSafe(t *testing.T) {
	page, rep := reportPage(t, "legit-amazon-order.eml", "ja")
	if rep.Verdict != "clean" {
		t.Skipf("the fixture is %s now", rep.Verdict)
	}
	banner := section(page, "verdict")
	if !strings.Contains(banner, "決め手なし") || !strings.Contains(banner, "安全の保証ではありません") || strings.Contains(banner, "安全です") ||
		strings.Contains(page, "問題は見つかりません") || !strings.Contains(banner, "v-clean") {
		t.Errorf("clean banner: %s", banner)
	}
	en, _ := reportPage(t, "legit-amazon-order.eml", "en")
	if b := section(en, "verdict"); !strings.Contains(b, "Nothing conclusive") || !strings.Contains(b, "not a guarantee of safety") {
		t.Errorf("clean banner (en): %s", b)
	}
}

// TestReportPageCards: each card says its sentence, with the evidence map
// behind a toggle; combinations are cards of their own; the links table
// names its columns and marks the offending link first.
func TestReportPageCards(t *testing.T) {
	page, rep := reportPage(t, "phish-iso2022jp-amazon.eml", "ja")
	cards := regexp.MustCompile(`(?s)<article class="card sev-[a-z]+" data-id="[^"]+">.*?</article>`).FindAllString(page, -1)
	if len(cards) != len(rep.Findings) {
		t.Errorf("%d cards for %d findings", len(cards), len(rep.Findings))
	}
	for _, c := range cards {
		body := regexp.MustCompile(`(?s)<details.*?</details>`).ReplaceAllString(c, "")
		if strings.Contains(body, `class="ev"`) || strings.Contains(body, "claimed_in") || strings.Contains(body, "legit_domains") {
			t.Errorf("card shows raw evidence outside its toggle: %s", c)
		}
		if !strings.Contains(c, `<p class="detail">`) || !strings.Contains(c, "<details class=\"raw\">") {
			t.Errorf("card without sentence or toggle: %s", c)
		}
	}
	if len(rep.Combos) > 0 {
		combos := section(page, "combinations")
		if !strings.Contains(combos, "組み合わせ") || strings.Count(combos, `class="card combo"`) != len(rep.Combos) || !strings.Contains(combos, rep.Combos[0].TitleJA) {
			t.Errorf("combinations: %s", combos)
		}
	}
	links := section(page, "links")
	for _, w := range []string{"表示されている文字", "実際のリンク先", "<th scope=\"col\">問題点</th>", `<tr class="bad">`, "⚠"} {
		if !strings.Contains(links, w) {
			t.Errorf("links table lacks %q", w)
		}
	}
}

// TestLinkRowsOffendingFirst: links with findings come first, with their
// findings' titles.
func TestLinkRowsOffendingFirst(t *testing.T) {
	rows := linkViews([]mekiki.Link{{Href: "https://a.example/"}, {Href: "http://b.example/", Findings: []string{"url.x"}}, {Href: "https://c.example/"}},
		map[string]string{"url.x": "X"})
	if !rows[0].Bad || rows[0].Href != "http://b.example/" || strings.Join(rows[0].Problems, "") != "X" || rows[1].Href != "https://a.example/" {
		t.Errorf("rows %+v", rows)
	}
}

// TestAdviceLinksOnlySafeAddresses: a contact is linked only as a plain
// address or an https URL.
func TestAdviceLinksOnlySafeAddresses(t *testing.T) {
	steps := adviceViews([]advice.Step{
		{ID: "a", TextJA: "報告：", Contact: &advice.Contact{NameJA: "窓口", Email: "x@example.jp?body=1", URL: "javascript:alert(1)"}},
		{ID: "b", TextJA: "報告：", Contact: &advice.Contact{NameEN: "Desk", Email: "desk@example.jp", URL: "https://example.jp/report"}},
		{ID: "c", TextEN: "abroad only"},
	}, "ja")
	if len(steps) != 2 {
		t.Fatalf("%d steps: %+v", len(steps), steps)
	}
	if c := steps[0].Contact; c.Email != "" || c.URL != "" || c.Name != "窓口" {
		t.Errorf("unsafe contact linked: %+v", c)
	}
	if c := steps[1].Contact; c.Email != "desk@example.jp" || c.URL != "https://example.jp/report" || c.Host != "example.jp" || c.Name != "Desk" {
		t.Errorf("contact %+v", c)
	}
}

// TestPreviewSize: the frame's height follows the text it shows.
func TestPreviewSize(t *testing.T) {
	if got := previewSize("<pre>one line</pre>"); got != "pv-140" {
		t.Errorf("one line: %s", got)
	}
	long := strings.Repeat("<p>"+strings.Repeat("ことば", 40)+"</p>", 40)
	if got := previewSize(long); got != "pv-640" {
		t.Errorf("a long mail: %s", got)
	}
	mid := strings.Repeat("<p>a paragraph of text</p>", 10)
	if got := previewSize(mid); got == "pv-140" || got == "pv-640" {
		t.Errorf("ten paragraphs: %s", got)
	}
}
