package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/internal/clip"
	"github.com/mekiki/mekiki/kb"
)

// TextOptions control the text report.
type TextOptions struct {
	Lang  string // "ja" (default) or "en"
	Color bool   // ANSI colours
	KB    *kb.KB // for brand names; nil means kb.Default()
}

type words struct {
	verdict                                           map[string]string
	severity                                          map[string]string
	score, subject, from, returnPath, replyTo, origin string
	brands, evidence, noEvidence, links, attachments  string
	thresholds, none, listSep                         string
	combos, combo, alone, capped, todo                string
}

var ja = words{
	verdict:  map[string]string{"phishing": "フィッシング", "suspicious": "要注意", "clean": "決め手なし（安全の保証ではありません）"},
	severity: map[string]string{"high": "高", "medium": "中", "low": "低", "info": "情報"},
	score:    "スコア", subject: "件名", from: "差出人", returnPath: "Return-Path", replyTo: "返信先",
	origin: "送信元サーバー", brands: "名乗っているブランド", evidence: "根拠", noEvidence: "疑わしい点は見つかりませんでした。",
	links: "リンク", attachments: "添付ファイル", thresholds: "要注意 %g 以上、フィッシング %g 以上", none: "なし", listSep: "、",
	combos: "組み合わせて読める根拠", combo: "組合せ", alone: "（ほかの根拠がないため加点なし）",
	todo:   "いますぐすること",
	capped: "点数はフィッシングの基準に達していますが、ブランドや他人のなりすまし、行動の要求、リンクや添付ファイルの偽装のどれも見つからないため、「要注意」にとどめています。",
}

var en = words{
	verdict:  map[string]string{"phishing": "PHISHING", "suspicious": "SUSPICIOUS", "clean": "NOTHING CONCLUSIVE (not a safety guarantee)"},
	severity: map[string]string{"high": "high", "medium": "med", "low": "low", "info": "info"},
	score:    "score", subject: "Subject", from: "From", returnPath: "Return-Path", replyTo: "Reply-To",
	origin: "Origin", brands: "Claimed brands", evidence: "Evidence", noEvidence: "No suspicious signs were found.",
	links: "Links", attachments: "Attachments", thresholds: "suspicious from %g, phishing from %g", none: "none", listSep: ", ",
	combos: "Evidence that adds up", combo: "combo", alone: " (no weight without other evidence)",
	todo:   "What to do now",
	capped: "The score reaches the phishing threshold, but nothing claims an identity, asks you to act or disguises a link or file, so the verdict stays suspicious.",
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiGreen  = "\x1b[32m"
	ansiDim    = "\x1b[2m"
)

// Text writes a readable report: the verdict first, then who sent the
// message, then each finding with its sentence, then the links.
func Text(w io.Writer, rep *mekiki.Report, o TextOptions) error {
	wd := ja
	if o.Lang == "en" {
		wd = en
	}
	k := o.KB
	if k == nil {
		k = kb.Default()
	}
	paint := func(code, s string) string {
		if !o.Color {
			return s
		}
		return code + s + ansiReset
	}
	var b strings.Builder
	vcolor := map[string]string{"phishing": ansiRed + ansiBold, "suspicious": ansiYellow + ansiBold, "clean": ansiGreen + ansiBold}[rep.Verdict]
	fmt.Fprintf(&b, "%s  (%s %g; %s)\n\n", paint(vcolor, "■ "+wd.verdict[rep.Verdict]), wd.score, rep.Score,
		fmt.Sprintf(wd.thresholds, k.Thresholds.Suspicious, k.Thresholds.Phishing))
	summaryText := rep.SummaryJA
	if o.Lang == "en" {
		summaryText = rep.SummaryEN
	}
	if summaryText != "" {
		fmt.Fprintf(&b, "%s\n\n", summaryText)
	}
	writeAdvice(&b, rep, o.Lang == "en", wd, paint)
	if rep.Capped {
		fmt.Fprintf(&b, "  %s\n\n", wd.capped)
	}
	msg := rep.Message
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&b, "  %s: %s\n", name, value)
		}
	}
	// What the mail wrote is shown with its control and bidirectional
	// characters visible (clip.Visible): a name or subject cannot
	// reorder or overwrite the report.
	field(wd.subject, clip.Visible(msg.Subject))
	from := clip.Visible(msg.From.Address)
	if msg.From.Name != "" {
		from = fmt.Sprintf("\"%s\" <%s>", clip.Visible(msg.From.Name), from)
	}
	field(wd.from, from)
	field(wd.returnPath, clip.Visible(msg.ReturnPath))
	field(wd.replyTo, clip.Visible(strings.Join(msg.ReplyTo, ", ")))
	if msg.Origin.IP != "" {
		field(wd.origin, originLine(msg.Origin.IP, clip.Visible(msg.Origin.RDNS), clip.Visible(msg.Origin.Helo), o.Lang == "en"))
	}
	if len(rep.Brands) > 0 {
		var names []string
		for _, id := range rep.Brands {
			if br := k.Brand(id); br != nil {
				if o.Lang == "en" {
					names = append(names, br.Name)
				} else {
					names = append(names, br.NameJA)
				}
			}
		}
		field(wd.brands, strings.Join(names, wd.listSep))
	}
	b.WriteString("\n")
	shown := 0
	for _, f := range rep.Findings {
		if shown == 0 {
			fmt.Fprintf(&b, "%s\n", paint(ansiBold, wd.evidence))
		}
		shown++
		sevColor := map[string]string{"high": ansiRed, "medium": ansiYellow, "low": ansiDim, "info": ansiDim}[f.Severity]
		title, detail := f.TitleJA, f.DetailJA
		if o.Lang == "en" {
			title, detail = f.TitleEN, f.DetailEN
		}
		if d, ok := finding.Lookup(f.ID); ok && d.Supporting && f.Score == 0 && f.Severity != "info" {
			title += wd.alone
		}
		fmt.Fprintf(&b, "  %s %s %s\n", paint(sevColor, fmt.Sprintf("[%s +%g]", wd.severity[f.Severity], f.Score)), title, paint(ansiDim, "("+string(f.ID)+")"))
		fmt.Fprintf(&b, "      %s\n", clip.Visible(detail))
	}
	if len(rep.Combos) > 0 {
		fmt.Fprintf(&b, "\n%s\n", paint(ansiBold, wd.combos))
		titles := map[finding.ID]string{}
		for _, f := range rep.Findings {
			titles[f.ID] = f.TitleJA
			if o.Lang == "en" {
				titles[f.ID] = f.TitleEN
			}
		}
		for _, c := range rep.Combos {
			title := c.TitleJA
			if o.Lang == "en" {
				title = c.TitleEN
			}
			var parts []string
			for _, id := range c.Findings {
				parts = append(parts, titles[id])
			}
			fmt.Fprintf(&b, "  %s %s %s\n", paint(ansiBold, fmt.Sprintf("[%s +%g]", wd.combo, c.Score)), title, paint(ansiDim, "("+string(c.ID)+")"))
			fmt.Fprintf(&b, "      %s\n", strings.Join(parts, " × "))
		}
	}
	if shown == 0 {
		fmt.Fprintf(&b, "%s\n", wd.noEvidence)
	}
	if len(rep.Links) > 0 {
		fmt.Fprintf(&b, "\n%s (%d)\n", paint(ansiBold, wd.links), len(rep.Links)+rep.LinksOmitted)
		titles := map[finding.ID]string{}
		for _, f := range rep.Findings {
			titles[f.ID] = f.TitleJA
			if o.Lang == "en" {
				titles[f.ID] = f.TitleEN
			}
		}
		// The links that raised findings first, marked with what is
		// wrong with them; then the others as the mail orders them.
		ordered := make([]mekiki.Link, 0, len(rep.Links))
		for _, l := range rep.Links {
			if len(l.Findings) > 0 {
				ordered = append(ordered, l)
			}
		}
		for _, l := range rep.Links {
			if len(l.Findings) == 0 {
				ordered = append(ordered, l)
			}
		}
		for i, l := range ordered {
			if i == 20 {
				break
			}
			text := l.Text
			if len([]rune(text)) > 40 {
				text = string([]rune(text)[:40]) + "…"
			}
			text, href := clip.Visible(text), clip.Visible(l.Href)
			mark, why := "  ", ""
			if len(l.Findings) > 0 {
				mark = paint(ansiRed, "⚠ ")
				var ws []string
				for _, id := range l.Findings {
					if t := titles[finding.ID(id)]; t != "" && !slices.Contains(ws, t) {
						ws = append(ws, t)
					}
				}
				if o.Lang == "en" {
					why = " (" + strings.Join(ws, "; ") + ")"
				} else {
					why = "（" + strings.Join(ws, "、") + "）"
				}
			}
			switch {
			case text != "" && o.Lang == "en":
				fmt.Fprintf(&b, "%s\u201c%s\u201d → %s%s\n", mark, text, href, why)
			case text != "":
				fmt.Fprintf(&b, "%s「%s」→ %s%s\n", mark, text, href, why)
			default:
				fmt.Fprintf(&b, "%s%s%s\n", mark, href, why)
			}
		}
		if more := len(rep.Links) + rep.LinksOmitted - 20; more > 0 {
			fmt.Fprintf(&b, "  … +%d\n", more)
		}
	}
	if len(rep.Attachments) > 0 {
		fmt.Fprintf(&b, "\n%s (%d)\n", paint(ansiBold, wd.attachments), len(rep.Attachments))
		for _, a := range rep.Attachments {
			writeAttachment(&b, a, o.Lang, paint)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeAttachment prints one attachment: its name and types, what is
// inside an archive (at most ten entries), the links found in it (at most
// ten) and the limits it hit.
func writeAttachment(b *strings.Builder, a mekiki.Attachment, lang string, paint func(string, string) string) {
	typ := a.Type
	if a.RealType != "" && a.RealType != a.Type {
		if lang == "en" {
			typ += ", really " + a.RealType
		} else {
			typ += "、中身は " + a.RealType
		}
	}
	if lang == "en" {
		fmt.Fprintf(b, "  %s (%s, %d bytes) sha256:%s\n", clip.Visible(a.Name), typ, a.Size, a.SHA256)
	} else {
		fmt.Fprintf(b, "  %s (%s、%d バイト) sha256:%s\n", clip.Visible(a.Name), typ, a.Size, a.SHA256)
	}
	for i, e := range a.Entries {
		if i == 10 {
			fmt.Fprintf(b, "      … +%d\n", len(a.Entries)-10)
			break
		}
		lock := ""
		if e.Encrypted {
			lock = " 🔒"
		}
		fmt.Fprintf(b, "      %s (%s)%s\n", clip.Visible(e.Path), e.Kind, lock)
	}
	for i, l := range a.Links {
		if i == 10 {
			fmt.Fprintf(b, "      … +%d\n", len(a.Links)-10)
			break
		}
		fmt.Fprintf(b, "      → %s (%s)\n", clip.Visible(l.URL), l.Source)
	}
	for _, n := range a.Notices {
		fmt.Fprintf(b, "      %s\n", paint(ansiDim, "! "+clip.Visible(n)))
	}
}

// originLine is the originating server as the report names it: its
// address, reverse-DNS name and HELO.
func originLine(ip, rdns, helo string, en bool) string {
	if en {
		return fmt.Sprintf("%s (rDNS %s, HELO %s)", ip, orNone(rdns, "none"), orNone(helo, "none"))
	}
	r := "逆引きなし"
	if rdns != "" {
		r = "逆引き " + rdns
	}
	return fmt.Sprintf("%s（%s、HELO %s）", ip, r, orNone(helo, "なし"))
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

// writeAdvice lists the steps to take now, each with where to report
// when it names a contact.
func writeAdvice(b *strings.Builder, rep *mekiki.Report, en bool, wd words, paint func(code, s string) string) {
	shown := 0
	for _, st := range rep.Advice {
		text := st.TextJA
		if en {
			text = st.TextEN
		}
		if text == "" {
			continue
		}
		if shown == 0 {
			fmt.Fprintf(b, "%s\n", paint(ansiBold, wd.todo))
		}
		shown++
		bullet, sep := "・", "、"
		if en {
			bullet, sep = "- ", ", "
		}
		fmt.Fprintf(b, "  %s%s", bullet, text)
		if c := st.Contact; c != nil {
			// The step's text names the contact; the ways to reach it
			// follow.
			var ways []string
			for _, w := range []string{c.Email, c.URL, c.Phone} {
				if w != "" {
					ways = append(ways, w)
				}
			}
			if en {
				b.WriteString(" ")
			}
			b.WriteString(strings.Join(ways, sep))
		}
		b.WriteString("\n")
	}
	if shown > 0 {
		b.WriteString("\n")
	}
}
