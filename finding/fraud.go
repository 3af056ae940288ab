package finding

// Findings about the lures of fraud other than credential phishing, and
// about text disguised to slip past filters.
const (
	ContentPrizeLure     ID = "content.prize_lure"
	ContentCryptoLure    ID = "content.crypto_lure"
	ContentAdvanceFee    ID = "content.advance_fee"
	ContentCallbackScam  ID = "content.callback_scam"
	ContentDisguisedText ID = "content.disguised_text"
	ContentPasswordForm  ID = "content.password_form"
)

var fraudDefs = []Def{
	{
		ID: ContentPrizeLure, Family: "content",
		SignFrom: Low,
		TitleJA:  "当選・特典・アンケートで誘う文言",
		TitleEN:  "Prize, reward or survey lure",
		DocJA:    "「当選しました」「選ばれました」「特典を受け取る」「アンケートに答えて」「ギフトカード」など、読み手がすでに当選した・選ばれたと告げて行動させる文言です。リンクが送信者やブランドの外へ向かうか、文言が重なると medium です。キャンペーンの宣伝も似た言葉を使うので、単独では弱い証拠です。",
		DocEN:    "Wording that tells the reader they have already won or been selected and must act (you have been selected, claim your reward, complete a short survey, gift card). Medium beside a link away from the sender and the brand, or when several occur; marketing uses similar words, so alone it is weak evidence.",
		Prior:    Scores{Medium: 2, Low: 1},
		Kinds:    []Kind{KindPrizeSurvey},
	},
	{
		ID: ContentCryptoLure, Family: "content",
		SignFrom: Low,
		TitleJA:  "暗号資産ウォレットの認証や復元フレーズを求める文言",
		TitleEN:  "Crypto-wallet lure",
		DocJA:    "ウォレットの認証・同期、復元（シード）フレーズや秘密鍵の入力、エアドロップの受け取り、資産の凍結を告げる文言です。正規の取引所やウォレットは復元フレーズを求めません。リンクが外へ向かえば medium、文言が重なれば high です。",
		DocEN:    "Wording that asks to verify or synchronise a wallet, enter a recovery (seed) phrase or private key, claim an airdrop, or that threatens an asset freeze; genuine exchanges and wallets never ask for a recovery phrase. Medium beside a link away from the sender, high when several occur.",
		Prior:    Scores{High: 4, Medium: 2.5, Low: 1},
		Kinds:    []Kind{KindCrypto},
	},
	{
		ID: ContentAdvanceFee, Family: "content",
		SignFrom: Low,
		TitleJA:  "遺産・補償金・送金話で手数料をだまし取る文言",
		TitleEN:  "Advance-fee story",
		DocJA:    "遺産の受取人、補償金や未払い金の受け取り、多額の送金、弁護士や銀行の代理、カードへの入金など、前払い金詐欺の筋書きの文言です。二つ以上で medium、三つ以上で high です。",
		DocEN:    "The wording of an advance-fee story: an inheritance and its beneficiary, a compensation fund or unclaimed funds, a transfer of millions, a barrister or bank acting on your behalf, an ATM card loaded with funds. Medium with two such phrases, high with three or more.",
		Prior:    Scores{High: 5, Medium: 3, Low: 1},
		Kinds:    []Kind{KindAdvanceFee},
	},
	{
		ID: ContentCallbackScam, Family: "content",
		SignFrom: Low,
		TitleJA:  "電話をかけさせる請求・更新の通知",
		TitleEN:  "Call-back scam",
		DocJA:    "すでに請求・更新・購入が行われたと告げ、取り消すには記載の番号へ電話するよう求めています（サポート詐欺・偽の請求書）。電話番号があれば medium、ブランドを名乗り文言が重なれば high です。",
		DocEN:    "The mail says a charge, renewal or order has already been made and that the reader must call the number given to cancel it (fake invoices, tech-support scams). Medium with a phone number in the text, high when a brand is claimed and several such phrases occur.",
		Prior:    Scores{High: 5, Medium: 3},
		Kinds:    []Kind{KindCallback},
	},
	{
		ID: ContentDisguisedText, Family: "content",
		SignFrom: Low,
		TitleJA:  "フィルターを避けるために崩された文字列",
		TitleEN:  "Text disguised from filters",
		DocJA:    "単語の中に別の文字体系の似た文字を混ぜる（МеtaМask）、文字の間にでたらめな語や記号を挟む（C キシ o 航 n…）、単語の中に見えない文字を入れる（Micro＋ゼロ幅スペース＋soft）、表示名や件名のブランド名の I と l、0 と o などをよく似た英字・数字に置き換える（PayPaI、lCIoud、App1e）など、読み手には読めてもフィルターには読めないように崩した文字列です。mekiki は崩しを戻してから文言とブランドを照合します。",
		DocEN:    "Words disguised so that a reader still reads them and a filter does not: look-alike letters of another script inside a word (МеtaМask), random words or symbols between the letters (C キシ o 航 n …), invisible characters inside a word, a brand's name in the display name or subject written with look-alike Latin letters or digits (PayPaI, lCIoud, App1e). mekiki undoes the disguise before it matches phrases and brands.",
		Prior:    Scores{Medium: 2.5, Low: 1},
	},
	{
		ID: ContentPasswordForm, Family: "content",
		SignFrom: Low,
		TitleJA:  "メール本文の中の入力フォーム",
		TitleEN:  "A form in the mail itself",
		DocJA:    "メール本文の HTML に、パスワード欄のあるフォームがあります（high）。または、送信者やブランドの外へ送信するフォームと、パスワードやカード情報を求める文言がそろっています（medium）。メールの中の偽ログイン画面で、正規のサービスはメールでパスワードを入力させません。",
		DocEN:    "The mail's own HTML holds a form with a password field (high), or a form that submits outside the sender and the claimed brand beside wording that asks for credentials (medium): a fake login page inside the mail; genuine services never take a password in a mail.",
		Prior:    Scores{High: 5, Medium: 2.5},
		Kinds:    []Kind{KindCredential},
	},
}
