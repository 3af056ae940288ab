package finding

// Findings about the message as a whole: its structure, limits and upstream filters.
const (
	MailLimitExceeded      ID = "mail.limit_exceeded"
	SpamUpstreamTag        ID = "spam.upstream_tag"
	MailMalformedStructure ID = "mail.malformed_structure"
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
}
