package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/internal/clip"
	"github.com/mekiki/mekiki/kb"
	"github.com/mekiki/mekiki/mail"
	"github.com/mekiki/mekiki/match"
)

// ShownText is the display name, subject and text of a message as a
// reader reads them: with disguises undone (match.Reveal).
type ShownText struct {
	Name, Subject, Text string
	Disguises           []disguise
}

// showText undoes the disguises of m's display name, subject and text.
func showText(m *mail.Message) ShownText {
	var s ShownText
	var tr match.Trick
	if s.Name, tr = match.Reveal(m.From.Name); tr != 0 {
		s.Disguises = append(s.Disguises, disguise{"display_name", tr})
	}
	if s.Subject, tr = match.Reveal(m.Subject); tr != 0 {
		s.Disguises = append(s.Disguises, disguise{"subject", tr})
	}
	if s.Text, tr = match.Reveal(m.Text); tr != 0 {
		s.Disguises = append(s.Disguises, disguise{"body", tr})
	}
	return s
}

// disguise is one piece of the mail's text and the ways it was disguised
// (match.Reveal), found when the content check read it.
type disguise struct {
	where  string // "subject", "display_name", "body", "attachment"
	tricks match.Trick
}

// evidenceTricks are the disguises that are evidence. Spaced letters
// are undone for matching but are no evidence: honest mail writes
// "E m p t y" (and 「お 知 ら せ」) for effect.
const evidenceTricks = match.TrickInvisible | match.TrickMixedScript | match.TrickInterleaved | match.TrickConfusable

// lookAlikeTricks are the disguises that put one letter for another
// (medium); the rest hide or scatter letters (low).
const lookAlikeTricks = match.TrickMixedScript | match.TrickInterleaved | match.TrickConfusable

// confusableDisguises finds the display name and subject naming a brand
// in look-alike Latin letters or digits ("PayPaI", "lCIoud";
// kb.FindConfusableBrands), and returns them as the reader reads them.
func confusableDisguises(in *Input) (ds []disguise, name, subject string) {
	name, subject = in.Shown.Name, in.Shown.Subject
	if in.KB == nil {
		return nil, name, subject
	}
	var ok bool
	if name, ok = readConfusable(in.KB, name); ok {
		ds = append(ds, disguise{"display_name", match.TrickConfusable})
	}
	if subject, ok = readConfusable(in.KB, subject); ok {
		ds = append(ds, disguise{"subject", match.TrickConfusable})
	}
	return ds, name, subject
}

// readConfusable returns text with the brand names written in
// look-alikes as they read, and whether it held one.
func readConfusable(k *kb.KB, text string) (string, bool) {
	found := k.FindConfusableBrands(text)
	for _, c := range found {
		text = strings.ReplaceAll(text, c.Written, c.Read)
	}
	return text, len(found) > 0
}

// mergeDisguises adds more to ds, joining the tricks of one place.
func mergeDisguises(ds, more []disguise) []disguise {
next:
	for _, m := range more {
		for i := range ds {
			if ds[i].where == m.where {
				ds[i].tricks |= m.tricks
				continue next
			}
		}
		ds = append(ds, m)
	}
	return ds
}

// disguisedText reports text disguised to slip past filters. Invisible
// characters in the display name and subject are sender.hidden_characters'
// to report; here they count in the body.
func disguisedText(in *Input, ct contentText) (Finding, bool) {
	conf, shownName, shownSubject := confusableDisguises(in)
	all := mergeDisguises(append(slices.Clone(in.Shown.Disguises), ct.disguises...), conf)
	var where, tricks []string
	var seen match.Trick
	for _, d := range all {
		t := d.tricks & evidenceTricks
		if d.where == "subject" || d.where == "display_name" {
			t &^= match.TrickInvisible
		}
		if t == 0 {
			continue
		}
		where = append(where, d.where)
		seen |= t
	}
	if seen == 0 {
		return Finding{}, false
	}
	tricks = seen.Names()
	// What the reader sees and what the filter would have read, for the
	// name or subject that was disguised.
	shown := ""
	for _, w := range where {
		switch {
		case w == "display_name" && shown == "":
			shown = fmt.Sprintf("「%s」→「%s」", clip.String(in.Msg.From.Name, 80), clip.String(shownName, 80))
		case w == "subject" && shown == "":
			shown = fmt.Sprintf("「%s」→「%s」", clip.String(in.Msg.Subject, 80), clip.String(shownSubject, 80))
		}
	}
	ev := map[string]any{"tricks": tricks, "where": where}
	if shown != "" {
		ev["revealed"] = shown
	}
	shownEN := strings.NewReplacer("「", " \u201c", "」→「", "\u201d \u2192 \u201c", "」", "\u201d").Replace(shown)
	sev := Low
	if seen&lookAlikeTricks != 0 {
		sev = Medium
	}
	ja := strings.Join(trickNamesJA(seen), "、")
	return newFinding(finding.ContentDisguisedText, sev,
		fmt.Sprintf("フィルターを避けるように文字列が崩されています（%s。場所：%s）。崩しを戻して照合しました。%s", ja, strings.Join(whereNamesJA(where), "、"), shown),
		fmt.Sprintf("Text is disguised to slip past filters (%s, in the %s); mekiki matched it with the disguise undone.%s", strings.Join(tricks, ", "), strings.Join(where, ", "), shownEN),
		ev), true
}

func trickNamesJA(t match.Trick) []string {
	var out []string
	for _, x := range []struct {
		t    match.Trick
		name string
	}{{match.TrickInvisible, "単語の中の見えない文字"}, {match.TrickMixedScript, "別の文字体系の似た文字"},
		{match.TrickInterleaved, "文字の間に挟んだでたらめな語"}, {match.TrickSpaced, "一字ずつ区切った単語"},
		{match.TrickConfusable, "ブランド名の中のよく似た英字・数字（I と l、0 と o など）"}} {
		if t&x.t != 0 {
			out = append(out, x.name)
		}
	}
	return out
}

func whereNamesJA(where []string) []string {
	ja := map[string]string{"subject": "件名", "display_name": "表示名", "body": "本文", "attachment": "添付ファイル"}
	out := make([]string, len(where))
	for i, w := range where {
		out[i] = ja[w]
	}
	return out
}
