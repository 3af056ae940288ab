package show

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// JSON writes v as indented JSON. Characters are not HTML-escaped, so the
// text reads as the mail did, but those that would not show as
// themselves (U+202E, zero-width spaces …) are written as \u escapes.
func JSON(w io.Writer, v *View) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escapeHidden(b.Bytes()))
	return err
}

// labels are the text view's words, Japanese and English.
type labels struct {
	subject, from, to, cc, replyTo, date, headers, structure, body, visible, hidden, hiddenWhy,
	links, dest, attachments, declared, real, size, inside, linksInside, notices, none,
	attachment, alternative, embedded, sniffed, bytesMore, headersMore, linksMore, entriesMore, noticesMore, removed string
}

var ja = labels{
	subject: "件名", from: "差出人", to: "宛先", cc: "Cc", replyTo: "返信先", date: "日付",
	headers: "ヘッダー（デコード済み）", structure: "MIME 構造", body: "本文", visible: "見えている文字",
	hidden: "隠された文字", hiddenWhy: "隠し方", links: "リンク（表示 → href → 実際の行き先）",
	dest: "実際の行き先", attachments: "添付ファイル", declared: "申告された種類", real: "実際の種類",
	size: "サイズ", inside: "中身", linksInside: "中のリンク", notices: "修復・読めなかったところ", none: "なし",
	attachment: "添付", alternative: "HTML の代替テキスト", embedded: "添付メールの中", sniffed: "申告と違う文字コードで読んだ",
	bytesMore: "（ほか %d バイトは表示していません）", headersMore: "（ほか %d 個のヘッダーは表示していません）",
	linksMore: "（ほか %d 件のリンクは表示していません）", entriesMore: "（ほか %d 件は表示していません）",
	noticesMore: "（ほか %d 件）", removed: "取り除いた見えない文字",
}

var en = labels{
	subject: "Subject", from: "From", to: "To", cc: "Cc", replyTo: "Reply-To", date: "Date",
	headers: "Headers (decoded)", structure: "MIME structure", body: "Body", visible: "visible text",
	hidden: "Hidden text", hiddenWhy: "hidden by", links: "Links (text → href → real destination)",
	dest: "real destination", attachments: "Attachments", declared: "declared type", real: "real type",
	size: "size", inside: "inside", linksInside: "links inside", notices: "Repaired or not readable", none: "none",
	attachment: "attachment", alternative: "alternative to the HTML", embedded: "inside an attached mail", sniffed: "read in another charset than declared",
	bytesMore: "(%d more bytes not shown)", headersMore: "(%d more header fields not shown)",
	linksMore: "(%d more links not shown)", entriesMore: "(%d more not shown)",
	noticesMore: "(%d more)", removed: "invisible characters removed",
}

// Text writes v for a person at a terminal, in lang ("ja" or "en"). Every
// string from the mail goes through Visible.
func Text(w io.Writer, v *View, lang string) error {
	l := ja
	if lang == "en" {
		l = en
	}
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	more := func(format string, n int) {
		if n > 0 {
			line("  "+format, n)
		}
	}
	line("%s: %s%s", l.subject, Visible(v.Subject), hiddenChars(l, v.SubjectHidden))
	line("%s: %s%s", l.from, showAddress(v.From), hiddenChars(l, v.From.Hidden))
	if len(v.To) > 0 {
		line("%s: %s", l.to, showAddresses(v.To))
	}
	if len(v.Cc) > 0 {
		line("%s: %s", l.cc, showAddresses(v.Cc))
	}
	if len(v.ReplyTo) > 0 {
		line("%s: %s", l.replyTo, showAddresses(v.ReplyTo))
	}
	if v.Date != "" {
		line("%s: %s", l.date, v.Date)
	}

	line("\n■ %s", l.headers)
	for _, h := range v.Headers {
		cutMark := ""
		if h.Cut {
			cutMark = " …"
		}
		line("  %s: %s%s", Visible(h.Name), Visible(h.Value), cutMark)
	}
	more(l.headersMore, v.HeadersOmitted)

	line("\n■ %s", l.structure)
	for _, p := range v.Parts {
		var tags []string
		if p.Name != "" {
			tags = append(tags, "「"+Visible(p.Name)+"」")
		}
		if p.Attachment {
			tags = append(tags, "["+l.attachment+"]")
		}
		if p.Alternative {
			tags = append(tags, "["+l.alternative+"]")
		}
		if p.Embedded {
			tags = append(tags, "["+l.embedded+"]")
		}
		if p.CharsetSniffed {
			tags = append(tags, "["+l.sniffed+"]")
		}
		line("  %s#%d %s", strings.Repeat("  ", min(p.Depth, 16)), p.Index, strings.TrimSpace(Visible(p.describe())+" "+strings.Join(tags, " ")))
	}

	for _, p := range v.Parts {
		if p.Attachment || (p.Text == "" && p.Hidden == "") {
			continue
		}
		title := fmt.Sprintf("%s #%d %s", l.body, p.Index, Visible(p.Type))
		if p.Type == "text/html" {
			title += "（" + l.visible + "）"
			if lang == "en" {
				title = fmt.Sprintf("%s #%d %s (%s)", l.body, p.Index, Visible(p.Type), l.visible)
			}
		}
		line("\n■ %s", title)
		line("%s", Visible(p.Text))
		more(l.bytesMore, p.TextOmitted)
		if p.Hidden != "" {
			why := ""
			if v.HiddenWhy != "" {
				why = fmt.Sprintf(" (%s: %s)", l.hiddenWhy, Visible(v.HiddenWhy))
			}
			line("  ▼ %s%s ▼", l.hidden, why)
			line("%s", Visible(p.Hidden))
			more(l.bytesMore, p.HiddenOmitted)
			line("  ▲ %s ▲", l.hidden)
		}
	}

	line("\n■ %s", l.links)
	if len(v.Links) == 0 && v.LinksOmitted == 0 {
		line("  %s", l.none)
	}
	for i, k := range v.Links {
		writeLink(&b, l, fmt.Sprintf("%d.", i+1), k)
	}
	more(l.linksMore, v.LinksOmitted)

	line("\n■ %s", l.attachments)
	if len(v.Attachments) == 0 {
		line("  %s", l.none)
	}
	for _, a := range v.Attachments {
		name := Visible(a.Name)
		if a.ShownName != "" {
			name = Visible(a.ShownName)
		}
		line("  #%d 「%s」", a.Part, name)
		real := Visible(a.RealType)
		if a.Kind != "" {
			real += " (" + Visible(a.Kind) + ")"
		}
		line("    %s: %s / %s: %s", l.declared, Visible(a.DeclaredType), l.real, real)
		line("    %s: %d bytes  SHA-256: %s", l.size, a.Size, a.SHA256)
		for _, x := range []string{a.DoubleExt, a.Macros} {
			if x != "" {
				line("    ! %s", Visible(x))
			}
		}
		if len(a.Entries) > 0 || a.EntriesOmitted > 0 {
			line("    %s:", l.inside)
			for _, e := range a.Entries {
				double := ""
				if e.DoubleExt != "" {
					double = " ! " + Visible(e.DoubleExt)
				}
				line("      %s (%s, %d bytes)%s", Visible(e.Path), Visible(e.Kind), e.Size, double)
			}
			more("    "+l.entriesMore, a.EntriesOmitted)
		}
		if len(a.Links) > 0 {
			line("    %s:", l.linksInside)
			for _, k := range a.Links {
				writeLink(&b, l, "    -", k)
			}
		}
		for _, n := range a.Notices {
			line("    ! %s", Visible(n))
		}
	}

	line("\n■ %s", l.notices)
	if len(v.Notices) == 0 {
		line("  %s", l.none)
	}
	for _, n := range v.Notices {
		line("  %s: %s", Visible(n.Kind), Visible(n.Detail))
	}
	more(l.noticesMore, v.NoticesOmitted)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeLink writes one link as text → href → destination.
func writeLink(b *strings.Builder, l labels, bullet string, k Link) {
	shown := ""
	if k.Text != "" {
		shown = "「" + Visible(k.Text) + "」 "
	}
	fmt.Fprintf(b, "  %s %s(%s, #%d)\n", bullet, shown, Visible(k.Source), k.Part)
	fmt.Fprintf(b, "     href: %s\n", Visible(k.Href))
	if k.HostUnicode != "" {
		fmt.Fprintf(b, "     host: %s\n", Visible(k.HostUnicode))
	}
	if k.Destination != "" {
		fmt.Fprintf(b, "     → %s: %s (%s)\n", l.dest, Visible(k.Destination), k.Wrapper)
	}
}

// hiddenChars names the invisible characters removed from a value.
func hiddenChars(l labels, chars []string) string {
	if len(chars) == 0 {
		return ""
	}
	return " [" + l.removed + ": " + Visible(strings.Join(chars, " ")) + "]"
}

func showAddress(a Address) string {
	if a.Name == "" {
		return Visible(a.Address)
	}
	return Visible(a.Name) + " <" + Visible(a.Address) + ">"
}

func showAddresses(list []Address) string {
	s := make([]string, len(list))
	for i, a := range list {
		s[i] = showAddress(a)
	}
	return strings.Join(s, ", ")
}
