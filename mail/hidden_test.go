package mail

import (
	"strings"
	"testing"
)

func TestHiddenText(t *testing.T) {
	cases := []struct {
		name, html, why string
	}{
		{"display none", `<div style="display:none">salad words</div>`, "display:none"},
		{"visibility", `<span style="visibility: hidden">salad words</span>`, "visibility:hidden"},
		{"opacity", `<p style="opacity:0">salad words</p>`, "opacity:0"},
		{"font size zero", `<span style="font-size:0px">salad words</span>`, "font-size:0px"},
		{"font size one", `<span style="FONT-SIZE: 1px">salad words</span>`, "font-size:1px"},
		{"white on white", `<body><p style="color:#ffffff">salad words</p></body>`, "colour #ffffff"},
		{"background colour", `<div style="background:#000"><span style="color:black">salad words</span></div>`, "colour #000000"},
		{"off screen", `<div style="position:absolute; left:-9999px">salad words</div>`, "off-screen"},
		{"text indent", `<div style="text-indent:-9999px">salad words</div>`, "text-indent"},
		{"zero height", `<div style="height:0;overflow:hidden">salad words</div>`, "height"},
		{"hidden attribute", `<div hidden>salad words</div>`, "hidden"},
		{"font tag", `<font color="#FFFFFF">salad words</font>`, "colour #ffffff"},
		{"class rule", `<style>.pad { display: none }</style><div class="x pad">salad words</div>`, "display:none"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := extractHTML(never, []byte(`<html>`+c.html+`<p>ご注文ありがとうございます。</p></html>`))
			if strings.Contains(doc.Text, "salad") {
				t.Errorf("hidden words in Text: %q", doc.Text)
			}
			if !strings.Contains(doc.Hidden, "salad words") {
				t.Errorf("Hidden %q lacks the hidden words", doc.Hidden)
			}
			if !strings.Contains(doc.HiddenWhy, c.why) {
				t.Errorf("HiddenWhy %q, want it to mention %q", doc.HiddenWhy, c.why)
			}
			if !strings.Contains(doc.Text, "ご注文ありがとうございます") {
				t.Errorf("visible text lost: %q", doc.Text)
			}
		})
	}
}

func TestVisibleTextStaysVisible(t *testing.T) {
	cases := []string{
		`<p style="color:#333333">visible words</p>`,
		`<div style="background:#000000"><span style="color:#ffffff">visible words</span></div>`,
		`<span style="font-size:12px">visible words</span>`,
		`<div style="display:block; opacity:0.9">visible words</div>`,
		`<div style="position:absolute; left:20px">visible words</div>`,
		`<style>.pad { display: none } @media (max-width:600px) { .m { display:none } }</style><div class="pad2">visible words</div>`,
		`<div style="display:none"></div><p>visible words</p>`,
		`<font color="red" size="3">visible words</font>`,
		`<table><tr><td style="height:0">x</td></tr></table><p>visible words</p>`,
	}
	for _, h := range cases {
		doc := extractHTML(never, []byte(`<html><body>`+h+`</body></html>`))
		if !strings.Contains(doc.Text, "visible words") || strings.Contains(doc.Hidden, "visible") {
			t.Errorf("%s: text %q hidden %q", h, doc.Text, doc.Hidden)
		}
	}
}

func TestHiddenEndsWithItsElement(t *testing.T) {
	doc := extractHTML(never, []byte(`<div style="display:none"><p>one<br>two</p><img src=x></div><p>after</p>`))
	if !strings.Contains(doc.Text, "after") || strings.Contains(doc.Text, "one") {
		t.Errorf("text %q hidden %q", doc.Text, doc.Hidden)
	}
}

func TestReadHTMLFormsAndScripts(t *testing.T) {
	doc := ReadHTML([]byte(`<html><head><meta charset="shift_jis"></head><body><form><input type="PASSWORD"></form>`+
		`<script>var a=1;</script><p>`+"\x83\x8D\x83\x4F\x83\x43\x83\x93"+`</p></body></html>`), "")
	if doc.Forms != 1 || doc.PasswordInputs != 1 || !strings.Contains(doc.Scripts, "var a=1") {
		t.Errorf("forms %d passwords %d scripts %q", doc.Forms, doc.PasswordInputs, doc.Scripts)
	}
	if !strings.Contains(doc.Text, "ログイン") {
		t.Errorf("meta charset not applied: %q", doc.Text)
	}
}
