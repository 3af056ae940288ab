package finding

// Findings about attached files.
const (
	AttachmentExecutable        ID = "attachment.executable"
	AttachmentDoubleExtension   ID = "attachment.double_extension"
	AttachmentHTMLForm          ID = "attachment.html_form"
	AttachmentArchiveExecutable ID = "attachment.archive_executable"
	AttachmentEncryptedArchive  ID = "attachment.encrypted_archive"
	AttachmentMacroDocument     ID = "attachment.macro_document"
	AttachmentDiskImage         ID = "attachment.disk_image"
	AttachmentShortcut          ID = "attachment.shortcut"
)

var attachmentDefs = []Def{
	{
		ID: AttachmentExecutable, Family: "attachment",
		SignFrom: Low,
		TitleJA:  "実行ファイル・スクリプトの添付",
		TitleEN:  "Executable or script attached",
		DocJA:    "プログラムやスクリプト（exe, scr, js, vbs, hta, ps1, msi, jar など）の添付。中身のバイト列か名前で判定します。",
		DocEN:    "A program or script (exe, scr, js, vbs, hta, ps1, msi, jar …), by its bytes or its name.",
		Prior:    Scores{High: 6},
		Kinds:    []Kind{KindMalware},
	},
	{
		ID: AttachmentDoubleExtension, Family: "attachment",
		SignFrom: Low,
		TitleJA:  "拡張子の偽装",
		TitleEN:  "Disguised file name",
		DocJA:    "二重拡張子（請求書.pdf.exe）や右から左への書字方向制御文字で、無害なファイル名に見せかけています。",
		DocEN:    "A double extension (請求書.pdf.exe) or a right-to-left override that shows a harmless name.",
		Prior:    Scores{High: 6},
		Kinds:    []Kind{KindMalware},
	},
	{
		ID: AttachmentHTMLForm, Family: "attachment",
		SignFrom: Low,
		TitleJA:  "入力フォームやリダイレクトを含むHTML添付",
		TitleEN:  "HTML attachment with a form or redirect",
		DocJA:    "入力フォーム、パスワード欄、スクリプトやメタタグによる転送を含む HTML 添付。メールに同梱された偽のログインページです。",
		DocEN:    "An HTML attachment with a form, a password field, or a script or meta redirect: a phishing page carried in the mail.",
		Prior:    Scores{High: 5, Medium: 3},
		Kinds:    []Kind{KindCredential},
	},
	{
		ID: AttachmentArchiveExecutable, Family: "attachment",
		SignFrom: Low,
		TitleJA:  "圧縮ファイル内の実行ファイル",
		TitleEN:  "Executable inside an archive",
		DocJA:    "圧縮ファイルの中（入れ子も含む）にプログラム、スクリプト、ショートカット、ディスクイメージ、マクロ付き文書があります。",
		DocEN:    "An archive holding a program, script, shortcut, disk image or macro document, nested archives included.",
		Prior:    Scores{High: 6},
		Kinds:    []Kind{KindMalware},
	},
	{
		ID: AttachmentEncryptedArchive, Family: "attachment",
		SignFrom: Low,
		TitleJA:  "パスワード付き圧縮ファイル",
		TitleEN:  "Encrypted archive",
		DocJA:    "パスワード付きの圧縮ファイルで、フィルターが中身を調べられません。組織内からのものなら弱い証拠です。",
		DocEN:    "A password-protected archive that no filter can look into; weak from inside the organisation.",
		Prior:    Scores{Medium: 2, Low: 0.5},
		Kinds:    []Kind{KindMalware},
	},
	{
		ID: AttachmentMacroDocument, Family: "attachment",
		SignFrom: Low,
		TitleJA:  "マクロ付きOffice文書",
		TitleEN:  "Office document with macros",
		DocJA:    "VBA マクロ（vbaProject.bin や VBA ストレージ）を含む、またはマクロ有効の拡張子を持つ Office 文書です。",
		DocEN:    "An Office document carrying VBA macros (vbaProject.bin, a VBA storage) or a macro-enabled extension.",
		Prior:    Scores{High: 5, Medium: 3},
		Kinds:    []Kind{KindMalware},
	},
	{
		ID: AttachmentDiskImage, Family: "attachment",
		SignFrom: Low,
		TitleJA:  "ディスクイメージの添付",
		TitleEN:  "Disk image attached",
		DocJA:    "ISO、IMG、VHD、VHDX のディスクイメージ。開くとマウントされ、中のファイルはインターネット由来の印（MOTW）を逃れます。",
		DocEN:    "An ISO, IMG, VHD or VHDX image: opening it mounts files that escape the mark of the web.",
		Prior:    Scores{High: 4},
		Kinds:    []Kind{KindMalware},
	},
	{
		ID: AttachmentShortcut, Family: "attachment",
		SignFrom: Low,
		TitleJA:  "ショートカットファイルの添付",
		TitleEN:  "Shortcut attached",
		DocJA:    "コマンドを実行したりリンクを開いたりする Windows のショートカット（.lnk）やインターネットショートカット（.url）です。",
		DocEN:    "A Windows shortcut (.lnk) or Internet shortcut (.url) that runs a command or opens a link.",
		Prior:    Scores{High: 5},
		Kinds:    []Kind{KindMalware},
	},
}
