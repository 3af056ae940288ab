package check

import (
	"fmt"
	"strings"

	"github.com/mekiki/mekiki/finding"

	"github.com/mekiki/mekiki/attach"
	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/internal/clip"
	"github.com/mekiki/mekiki/kb"
)

var attachmentCheck = &Check{
	ID: "attachment",
	Doc: "Judges each attachment by its real type (magic bytes) against its name and declared type: programs and " +
		"scripts, double extensions and right-to-left tricks, disk images, shortcuts, Office documents with macros, " +
		"archives holding any of these, encrypted archives (the PPAP habit Emotet abused) and HTML attachments with " +
		"forms or redirects. Nothing is written to disk or run; archives are listed in memory within limits.",
	DocJA: "添付ファイルを、名前と宣言された種類ではなく中身（先頭のバイト列）で判定します：実行ファイルやスクリプト、" +
		"二重拡張子や右から左への書字方向制御文字による偽装、ディスクイメージ、ショートカット、マクロ付きの Office 文書、" +
		"それらを含む圧縮ファイル、パスワード付きの圧縮ファイル（Emotet が悪用した PPAP の習慣）、フォームや転送を含む HTML の添付。" +
		"ディスクへの書き出しや実行は一切せず、圧縮ファイルは上限の範囲でメモリー上で一覧にします。",
	Findings: []finding.ID{finding.AttachmentExecutable, finding.AttachmentDoubleExtension, finding.AttachmentHTMLForm, finding.AttachmentArchiveExecutable, finding.AttachmentEncryptedArchive, finding.AttachmentMacroDocument, finding.AttachmentDiskImage, finding.AttachmentShortcut},
	Run:      attachmentFindings,
}

func attachmentFindings(in *Input) []Finding {
	var out []Finding
	for i := range in.Attachments {
		out = append(out, oneAttachment(in, &in.Attachments[i])...)
	}
	return out
}

func oneAttachment(in *Input, a *attach.Info) []Finding {
	var out []Finding
	// The name as shown: its bidirectional and control characters
	// visible (⟨U+202E⟩), so the sentence shows the trick.
	name := clip.Visible(a.Name)
	ev := func(extra map[string]any) map[string]any {
		m := map[string]any{"name": a.Name, "claimed_type": a.Claimed, "real_type": a.Type}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	if a.DoubleExt != "" || a.Bidi {
		ja := fmt.Sprintf("添付ファイル「%s」の名前は二重拡張子（%s）で本当の種類を隠しています。", name, a.DoubleExt)
		en := fmt.Sprintf("The attachment \u201c%s\u201d hides its real type with the double extension %s.", name, a.DoubleExt)
		if a.Bidi {
			ja = fmt.Sprintf("添付ファイル「%s」の名前は、右から左への書字方向制御文字（RLO）で本当の種類を隠しています。", name)
			en = fmt.Sprintf("The attachment \u201c%s\u201d hides its real type with a right-to-left override character.", name)
		}
		out = append(out, newFinding(finding.AttachmentDoubleExtension, High, ja, en,
			ev(map[string]any{"double_extension": a.DoubleExt, "bidi_control": a.Bidi})))
	} else {
		for _, e := range a.Entries {
			if e.DoubleExt == "" {
				continue
			}
			out = append(out, newFinding(finding.AttachmentDoubleExtension, High,
				fmt.Sprintf("添付ファイル「%s」の中の「%s」は、二重拡張子（%s）で本当の種類を隠しています。", name, clip.Visible(e.Path), e.DoubleExt),
				fmt.Sprintf("Inside the attachment \u201c%s\u201d, %s hides its real type with a double extension (%s).", name, e.Path, e.DoubleExt),
				ev(map[string]any{"double_extension": e.DoubleExt, "entry": e.Path})))
			break
		}
	}
	switch a.Kind {
	case attach.KindExecutable, attach.KindScript:
		ja, en := "", ""
		if a.Claimed != "" && !strings.Contains(a.Claimed, "octet-stream") && a.Kind == attach.KindExecutable && !strings.Contains(a.Claimed, "msdownload") && !strings.Contains(a.Claimed, "executable") {
			ja = fmt.Sprintf("（%s と称していますが中身は %s）", a.Claimed, a.Type)
			en = fmt.Sprintf(" (declared %s, really %s)", a.Claimed, a.Type)
		}
		out = append(out, newFinding(finding.AttachmentExecutable, High,
			fmt.Sprintf("添付ファイル「%s」は実行ファイルまたはスクリプトです%s。開かないでください。", name, ja),
			fmt.Sprintf("The attachment \u201c%s\u201d is a program or script%s. Do not open it.", name, en),
			ev(map[string]any{"kind": a.Kind})))
	case attach.KindDiskImage:
		out = append(out, newFinding(finding.AttachmentDiskImage, High,
			fmt.Sprintf("添付ファイル「%s」はディスクイメージ（%s）です。", name, a.Type),
			fmt.Sprintf("The attachment \u201c%s\u201d is a disk image (%s).", name, a.Type), ev(nil)))
	case attach.KindShortcut:
		e := ev(nil)
		if len(a.Links) > 0 {
			e["target"] = a.Links[0].URL
		}
		out = append(out, newFinding(finding.AttachmentShortcut, High,
			fmt.Sprintf("添付ファイル「%s」はショートカットファイルです。", name),
			fmt.Sprintf("The attachment \u201c%s\u201d is a shortcut file.", name), e))
	}
	if a.Macros != "" || a.ExtKind == kb.ExtMacro {
		sev, where := Medium, a.Name
		if a.Macros != "" {
			sev, where = High, a.Macros
		}
		out = append(out, newFinding(finding.AttachmentMacroDocument, sev,
			fmt.Sprintf("添付ファイル「%s」はマクロ付きの Office 文書です（%s）。マクロを有効にしないでください。", name, where),
			fmt.Sprintf("The attachment \u201c%s\u201d is an Office document with macros (%s). Do not enable them.", name, where),
			ev(map[string]any{"macros": where})))
	}
	if a.Kind == attach.KindArchive || a.Kind == attach.KindOffice {
		var bad []string
		for _, e := range a.Entries {
			if attach.Dangerous(e.Kind) || e.Kind == kb.ExtMacro {
				bad = append(bad, e.Path)
			}
		}
		if len(bad) > 0 && a.Kind == attach.KindArchive {
			out = append(out, newFinding(finding.AttachmentArchiveExecutable, High,
				fmt.Sprintf("圧縮ファイル「%s」の中に実行できるファイルがあります：%s", name, clip.Visible(strings.Join(first(bad, 5), "、"))),
				fmt.Sprintf("The archive \u201c%s\u201d holds files that run when opened: %s", name, strings.Join(first(bad, 5), ", ")),
				ev(map[string]any{"entries": bad})))
		}
	}
	if a.Encrypted && a.Kind == attach.KindArchive {
		sev := Medium
		ja, en := "", ""
		if in.internalSender() {
			sev = Low
			ja, en = "社内の差出人からです。", " It comes from inside the organisation."
		}
		out = append(out, newFinding(finding.AttachmentEncryptedArchive, sev,
			fmt.Sprintf("添付ファイル「%s」はパスワード付きの圧縮ファイルで、中身を検査できません。%s", name, ja),
			fmt.Sprintf("The attachment \u201c%s\u201d is a password-protected archive that no filter can look into.%s", name, en),
			ev(map[string]any{"entries": len(a.Entries)})))
	}
	if a.Kind == attach.KindHTML && (a.Forms > 0 || a.PasswordInputs > 0 || a.Redirect != "") {
		sev := Medium
		if a.PasswordInputs > 0 || a.Redirect != "" {
			sev = High
		}
		what, whatEN := "入力フォーム", "a form"
		switch {
		case a.PasswordInputs > 0:
			what, whatEN = "パスワード入力欄", "a password field"
		case a.Redirect != "":
			what, whatEN = "別サイトへの転送（"+a.Redirect+"）", "a redirect ("+a.Redirect+")"
		}
		out = append(out, newFinding(finding.AttachmentHTMLForm, sev,
			fmt.Sprintf("HTML の添付ファイル「%s」に%sがあります。", name, what),
			fmt.Sprintf("The HTML attachment \u201c%s\u201d contains %s.", name, whatEN),
			ev(map[string]any{"forms": a.Forms, "password_inputs": a.PasswordInputs, "redirect": a.Redirect})))
	}
	return out
}

// internalSender reports a message whose From organisation is also the
// organisation of every recipient. From can be forged, so this only
// lowers a finding, never removes it.
func (in *Input) internalSender() bool {
	if in.FromOrg == "" || len(in.Msg.To) == 0 {
		return false
	}
	for _, t := range in.Msg.To {
		if domain.Registrable(t.Domain) != in.FromOrg {
			return false
		}
	}
	return true
}

func first(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
