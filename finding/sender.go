package finding

// Findings about who the mail claims to be against where it comes from.
const (
	SenderInvalidDomain     ID = "sender.invalid_domain"
	SenderRecipientAsName   ID = "sender.recipient_as_name"
	SenderOffbrandAction    ID = "sender.offbrand_action"
	SenderNonexistentDomain ID = "sender.nonexistent_domain"
	SenderBrandMismatch     ID = "sender.brand_mismatch"
	SenderFreemailBrand     ID = "sender.freemail_brand"
	SenderHeaderMismatch    ID = "sender.header_mismatch"
	SenderReplyToMismatch   ID = "sender.reply_to_mismatch"
	SenderOwnDomainSpoof    ID = "sender.own_domain_spoof"
	SenderHiddenCharacters  ID = "sender.hidden_characters"
)

var senderDefs = []Def{
	{
		ID: SenderNonexistentDomain, Family: "sender",
		SignFrom: Low,
		TitleJA:  "存在しない送信ドメイン",
		TitleEN:  "Sender domain does not exist",
		DocJA:    "From や Return-Path のドメインが DNS に存在しません（NXDOMAIN）。eki-net.co.jp のような似せたドメインで、返信もエラー返送もできません。",
		DocEN:    "The From or Return-Path domain does not exist in the DNS (NXDOMAIN), e.g. a lookalike such as eki-net.co.jp: nobody can answer or bounce to it.",
		Prior:    Scores{High: 6},
		Unfitted: "online only; evaluation runs offline",
	},
	{
		ID: SenderBrandMismatch, Family: "sender",
		SignFrom: Low,
		TitleJA:  "ブランドを名乗るが送信ドメインが違う",
		TitleEN:  "Brand claimed from a foreign domain",
		DocJA:    "表示名、送信元アドレス、件名、本文がブランド X を名乗っていますが、From のドメインは X のドメインではありません。",
		DocEN:    "Display name, sender address, subject or body claims brand X, but the From domain is not one of X's domains.",
		Prior:    Scores{High: 6, Medium: 3.5, Low: 1.5},
	},
	{
		ID: SenderFreemailBrand, Family: "sender",
		SignFrom: Low,
		TitleJA:  "フリーメールからブランドを名乗っている",
		TitleEN:  "Brand claimed from a free-mail address",
		DocJA:    "フリーメールや個人のメールボックス（Gmail、Yahoo!メール、携帯メールなど）から送られたメールがブランドを名乗っています。",
		DocEN:    "A brand is claimed by a message sent from a free or personal mailbox (Gmail, Yahoo!メール, carrier mail ...).",
		Prior:    Scores{High: 5, Medium: 3},
	},
	{
		ID: SenderHeaderMismatch, Family: "sender",
		TitleJA: "差出人と送信経路のドメインが一致しない",
		TitleEN: "Sender headers disagree",
		DocJA:   "Return-Path、Sender、X-From-Domain、Message-ID のドメインが From の組織ドメインと違います。",
		DocEN:   "Return-Path, Sender, X-From-Domain or Message-ID domain differs from the From organizational domain.",
		Prior:   Scores{High: 3, Medium: 2, Low: 0.5},
	},
	{
		ID: SenderReplyToMismatch, Family: "sender",
		TitleJA: "返信先が別の組織になっている",
		TitleEN: "Reply-To goes to another organisation",
		DocJA:   "返信が送信者とは別の組織へ届きます。",
		DocEN:   "Replies would go to an organisation other than the sender's.",
		Prior:   Scores{High: 3, Medium: 2, Low: 0.5},
	},
	{
		ID: SenderOwnDomainSpoof, Family: "sender",
		SignFrom: Low,
		TitleJA:  "自分の組織を装った外部からのメール",
		TitleEN:  "Own organisation spoofed from outside",
		DocJA:    "From は受信者自身の組織を名乗っていますが、メールは組織の外から届いています。",
		DocEN:    "From claims the recipient's own organisation, but the message came from outside it.",
		Prior:    Scores{High: 6},
	},
	{
		ID: SenderHiddenCharacters, Family: "sender",
		SignFrom: Low,
		TitleJA:  "差出人名や件名に見えない文字",
		TitleEN:  "Invisible characters in the name or subject",
		DocJA:    "表示名や件名に制御文字や見えない書式文字（NUL、ゼロ幅スペース、書字方向の制御文字）があり、フィルターが名前を見逃すように分断しています。名前の照合の前に取り除きます。",
		DocEN:    "The display name or subject holds control or invisible format characters (NUL, zero-width space, bidirectional marks) that split a name so that filters miss it; they are removed before names are matched.",
		Prior:    Scores{High: 3, Medium: 2},
		Unfitted: "too few corpus mails hide characters in names to fit a score",
	},
	{
		ID: SenderOffbrandAction, Family: "sender",
		SignFrom: Low,
		TitleJA:  "ブランドを名乗るが、操作させるリンクはすべてブランドの外へ",
		TitleEN:  "Brand claimed, every action leads elsewhere",
		DocJA:    "メールはブランド X を名乗っている（From のドメイン、表示名、件名の【】、本文）のに、ログインや確認を促すリンク・ボタン・フォーム・QR コードの行き先がすべて X のドメインの外（送信者自身の組織でもない）です。From が X 自身のドメインなのに受信側の認証が通っていなければ、最も強い証拠です。",
		DocEN:    "The mail claims brand X (From domain, display name, subject tag or body), yet every action link — lure-text links, buttons, forms, QR targets — leads outside X's domains (and outside the sender's own organisation when that is not X). Strongest when From is X's own domain without a passing receiver authentication.",
		Prior:    Scores{High: 5, Medium: 3},
	},
	{
		ID: SenderInvalidDomain, Family: "sender",
		SignFrom: Low,
		TitleJA:  "差出人のドメインがインターネットのドメインではない",
		TitleEN:  "From domain is not an internet domain",
		DocJA:    "差出人アドレスのドメイン（receita@aviso の「aviso」など）が、トップレベルドメインを持たないか、存在しないトップレベルドメインで終わっています。返信もエラー返送もできず、まともな送信者は使いません。",
		DocEN:    "The From address's domain (\"aviso\" in receita@aviso) has no top-level domain, or ends in one the root does not have: nobody can answer or bounce to it, and no honest sender uses one.",
		Prior:    Scores{Medium: 2.5},
	},
	{
		ID: SenderRecipientAsName, Family: "sender",
		SignFrom: Low,
		TitleJA:  "差出人の表示名が受信者自身のアドレス",
		TitleEN:  "The recipient's own address as the display name",
		DocJA:    "差出人の表示名が受信者自身のメールアドレスになっています。自分宛てのシステム通知に見せかける手口です。",
		DocEN:    "The From display name is the recipient's own e-mail address, so that the mail looks like a system notice about the reader's own mailbox.",
		Prior:    Scores{Medium: 2},
		Kinds:    []Kind{KindCredential},
	},
}
