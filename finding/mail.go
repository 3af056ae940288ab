package finding

// Findings about the message as a whole: its structure, limits and upstream filters.
const (
	MailLimitExceeded      ID = "mail.limit_exceeded"
	SpamUpstreamTag        ID = "spam.upstream_tag"
	MailMalformedStructure ID = "mail.malformed_structure"

	MailHTMLOnly              ID = "mail.html_only"
	MailAlternativeMismatch   ID = "mail.alternative_mismatch"
	MailUndisclosedRecipients ID = "mail.undisclosed_recipients"
	MailRawSubject            ID = "mail.raw_8bit_subject"
	MailForgedMailer          ID = "mail.forged_mailer"
)

var mailDefs = []Def{
	{
		ID: MailLimitExceeded, Family: "mail",
		TitleJA:  "メールの一部しか読んでいない",
		TitleEN:  "Only part of the message was read",
		DocJA:    "サイズ、MIME の深さ、パートの数、リンクの数、圧縮ファイルの項目数の上限を超え、残りは解析していません。深い入れ子や大量のパート・リンク・項目はそれ自体が回避の手口です。",
		DocEN:    "The message exceeded a size, MIME depth, part-count, link-count or archive-entry limit; the rest was not analysed. Deep nesting, huge part counts and thousands of links or archive entries are themselves evasion tricks.",
		Prior:    Scores{Low: 1, Info: 0},
		Unfitted: "a limit is no evidence of phishing",
	},
	{
		ID: SpamUpstreamTag, Family: "spam",
		TitleJA:  "上流のフィルターが迷惑メールと判定済み",
		TitleEN:  "Tagged as spam upstream",
		DocJA:    "件名の [SPAM] や [迷惑メール] の印、X-Spam-Flag: YES、X-Spam-Status: Yes など、上流のフィルターによる判定です。",
		DocEN:    "A subject stamp such as [SPAM] or [迷惑メール], X-Spam-Flag: YES or X-Spam-Status: Yes.",
		Prior:    Scores{Medium: 3, Low: 2},
		Unfitted: "the [SPAM] tags come from the list server that archived the Japanese phishing",
	},
	{
		ID: MailMalformedStructure, Family: "mail",
		TitleJA:  "メールの構造が意図的に壊されている",
		TitleEN:  "The message's structure is deliberately broken",
		DocJA:    "メールや MIME パートのヘッダーに、まともなメールソフトはまず作らない壊れ方（コロンのない行、NUL バイト、単独の CR、998 バイトを超える行）があります。厳密な読み手や一部のフィルターはそこで止まり後ろのパートを見落とします。mekiki はメールソフトと同じように修復してすべてのパートを読みました。",
		DocEN:    "A header block (of the message or of a MIME part) holds damage honest mailers rarely produce: lines without a colon, NUL bytes, bare CRs or lines longer than 998 bytes. Strict readers and some filters stop at it and miss the parts after it; mekiki repaired it the way mail programs do and read every part.",
		Prior:    Scores{Low: 1},
		Unfitted: "the corpus holds almost no deliberately broken header blocks (1 ham, no phishing): an attacker's trick the team's evasion test covers",
	},
	{
		ID: MailHTMLOnly, Family: "mail",
		TitleJA:    "HTML だけでテキスト版がない",
		TitleEN:    "HTML only, no plain-text version",
		DocJA:      "本文が HTML だけで、メールソフトが普通に付けるテキスト版がありません。一括送信ツールやフィッシングの作成キットによく見られますが、正規のメールにもあるため、ほかの証拠があるときだけ加点します。",
		DocEN:      "The body is HTML alone, without the plain-text version mail programs add. Bulk tools and phishing kits often send this way, but so do some honest senders, so it counts only beside other evidence.",
		Prior:      Scores{Low: 0.25},
		Supporting: true,
		Unfitted:   "the corpus's ham is 2002 mail and mailing-list posts, which are plain text by the lists' rules: on the dev split 0 of 108 list posts and 28 of 238 SpamAssassin ham are HTML only, against 105 of 158 phishing-pot phishing but also 50 of 97 marketing mails of the same source",
	},
	{
		ID: MailAlternativeMismatch, Family: "mail",
		TitleJA:    "テキスト版と HTML 版の内容が違う",
		TitleEN:    "The text and HTML versions say different things",
		DocJA:      "multipart/alternative のテキスト版と HTML 版は同じ内容のはずですが、このメールではテキスト版の言葉がほとんど HTML 版にない、またはテキスト版が空に近い状態です。フィルターにはテキスト版を、人には HTML 版を見せる手口です。ほかの証拠があるときだけ加点します。",
		DocEN:      "The text and HTML versions of a multipart/alternative should say the same; here few of the text version's words are in the HTML, or the text version is next to empty: filters read one version and people the other. Counts only beside other evidence.",
		Prior:      Scores{Low: 1},
		Supporting: true,
	},
	{
		ID: MailUndisclosedRecipients, Family: "mail",
		TitleJA:    "宛先が非公開（undisclosed-recipients）",
		TitleEN:    "Recipients undisclosed",
		DocJA:      "To が「undisclosed-recipients:;」のような空のグループで、あなた宛てではなく多数に BCC で送られています。正規の一斉連絡にもあるため、ほかの証拠があるときだけ加点します。",
		DocEN:      "To is an empty group such as \"undisclosed-recipients:;\": the mail went to many people by Bcc, not to you. Honest mass notices do this too, so it counts only beside other evidence.",
		Prior:      Scores{Low: 0.75},
		Supporting: true,
	},
	{
		ID: MailRawSubject, Family: "mail",
		TitleJA:    "件名が符号化されていない 8 ビット文字",
		TitleEN:    "Subject in raw 8-bit bytes",
		DocJA:      "件名が MIME の符号化（=?UTF-8?B?…?=）をせずに 8 ビットの文字のまま書かれています。一般的なメールソフトはまずこうしないため、送信プログラムの手作りを示します。ほかの証拠があるときだけ加点します。",
		DocEN:      "The subject carries raw 8-bit bytes instead of MIME encoded-words (=?UTF-8?B?…?=). Common mail programs rarely write this; it points at a home-made sending script. Counts only beside other evidence.",
		Prior:      Scores{Low: 0.75},
		Supporting: true,
	},
	{
		ID: MailForgedMailer, Family: "mail",
		TitleJA:    "メールソフトの名乗りが偽物",
		TitleEN:    "Forged mail program signature",
		DocJA:      "X-Mailer は Outlook 2007 以降を名乗っていますが、その Outlook が必ず付ける Thread-Index ヘッダーがありません。送信プログラムが有名なメールソフトを装っています。ほかの証拠があるときだけ加点します。",
		DocEN:      "X-Mailer claims Outlook 2007 or later, but the Thread-Index header that Outlook always writes is missing: a sending script posing as a well-known mail program. Counts only beside other evidence.",
		Prior:      Scores{Low: 1},
		Supporting: true,
	},
}
