package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/internal/clip"
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
// "E m p t y" for effect.
const evidenceTricks = match.TrickInvisible | match.TrickMixedScript | match.TrickInterleaved

// disguisedText reports text disguised to slip past filters. Invisible
// characters in the display name and subject are sender.hidden_characters'
// to report; here they count in the body.
func disguisedText(in *Input, ct contentText) (Finding, bool) {
	all := append(slices.Clone(in.Shown.Disguises), ct.disguises...)
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
			shown = fmt.Sprintf("「%s」→「%s」", clip.String(in.Msg.From.Name, 80), clip.String(in.Shown.Name, 80))
		case w == "subject" && shown == "":
			shown = fmt.Sprintf("「%s」→「%s」", clip.String(in.Msg.Subject, 80), clip.String(in.Shown.Subject, 80))
		}
	}
	ev := map[string]any{"tricks": tricks, "where": where}
	shownEN := ""
	if shown != "" {
		ev["revealed"] = shown
		shownEN = " " + shown
	}
	sev := Low
	if seen&(match.TrickMixedScript|match.TrickInterleaved) != 0 {
		sev = Medium
	}
	ja := strings.Join(trickNamesJA(seen), "、")
	return newFinding(finding.ContentDisguisedText, sev,
		fmt.Sprintf("フィルターを避けるように文字列が崩されています（%s。場所: %s）。崩しを戻して照合しました。%s", ja, strings.Join(whereNamesJA(where), "、"), shown),
		fmt.Sprintf("Text is disguised to slip past filters (%s, in the %s); mekiki matched it with the disguise undone.%s", strings.Join(tricks, ", "), strings.Join(where, ", "), shownEN),
		ev), true
}

func trickNamesJA(t match.Trick) []string {
	var out []string
	for _, x := range []struct {
		t    match.Trick
		name string
	}{{match.TrickInvisible, "単語の中の見えない文字"}, {match.TrickMixedScript, "別の文字体系の似た文字"},
		{match.TrickInterleaved, "文字の間に挟んだでたらめな語"}, {match.TrickSpaced, "一字ずつ区切った単語"}} {
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
