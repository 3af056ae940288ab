package finding

// Findings about what the text says and how.
const (
	ContentUrgency           ID = "content.urgency"
	ContentCredentialRequest ID = "content.credential_request"
	ContentLureAction        ID = "content.lure_action"
	ContentGenericGreeting   ID = "content.generic_greeting"
	ContentUnnaturalJapanese ID = "content.unnatural_japanese"
	ContentSimplifiedChinese ID = "content.simplified_chinese"
	ContentHiddenText        ID = "content.hidden_text"
	ContentSextortion        ID = "content.sextortion"
)

var contentDefs = []Def{
	{
		ID: ContentUrgency, Family: "content",
		SignFrom: Low,
		TitleJA:  "期限や脅しで急がせる文言",
		TitleEN:  "Deadline or threat",
		DocJA:    "期限や脅し（24時間以内、自動的に削除、利用停止、within 24 hours など）。入力の要求やリンクと並ぶと重くなります。",
		DocEN:    "A deadline or threat (24時間以内, 自動的に削除, 利用停止, within 24 hours …); weighs more beside a credential request and a link.",
		Prior:    Scores{Medium: 1.5, Low: 0.5},
	},
	{
		ID: ContentCredentialRequest, Family: "content",
		SignFrom: Low,
		TitleJA:  "パスワードやカード情報の入力を求める文言",
		TitleEN:  "Asks for credentials or card details",
		DocJA:    "ログイン、確認、パスワード・カード番号・暗証番号の入力を求めています。期限と操作用のリンクがそろうと最も重くなります。",
		DocEN:    "Asks to sign in, verify, or enter a password, card number or PIN; full weight only with a deadline and a link to act on.",
		Prior:    Scores{High: 3, Medium: 2, Low: 0.5},
		Kinds:    []Kind{KindCredential},
	},
	{
		ID: ContentLureAction, Family: "content",
		SignFrom: Low,
		TitleJA:  "操作を促すリンク文言",
		TitleEN:  "Account-action link text",
		DocJA:    "アカウント操作を促すリンクやボタン（今すぐ認証、ログインはこちら、Verify now）が、送信者とブランドのドメインの外へ向かっています。",
		DocEN:    "A link or button whose text asks for an account action (今すぐ認証, ログインはこちら, Verify now) and that leads away from the sender's and the claimed brand's domains.",
		Prior:    Scores{Medium: 1.5, Low: 0.5},
		Kinds:    []Kind{KindCredential},
	},
	{
		ID: ContentGenericGreeting, Family: "content",
		TitleJA: "名前のない一斉あいさつ",
		TitleEN: "Generic greeting",
		DocJA:   "本文の冒頭が名前ではなく「お客様各位」「Amazon お客様」「Dear Customer」などの一斉あいさつです。",
		DocEN:   "お客様各位 / Amazon お客様 / Dear Customer instead of the customer's name, at the head of the text.",
		Prior:   Scores{Low: 0.5},
	},
	{
		ID: ContentUnnaturalJapanese, Family: "content",
		TitleJA: "不自然な日本語",
		TitleEN: "Unnatural Japanese",
		DocJA:   "機械翻訳に典型的な、日本語の書き手なら使わない言い回し（授権、不審の動き、バインディング、あなたのアカウント など）です。",
		DocEN:   "Wording a native writer would not use, typical of machine translation (授権, 不審の動き, バインディング, あなたのアカウント …).",
		Prior:   Scores{Medium: 2, Low: 1},
	},
	{
		ID: ContentSimplifiedChinese, Family: "content",
		TitleJA: "日本語に簡体字が混入",
		TitleEN: "Simplified Chinese in Japanese text",
		DocJA:   "JIS X 0208・JIS X 0213・CP932 のどれにもない簡体字の漢字が日本語の文中にあります。割合と例を証拠として示します。",
		DocEN:   "Han characters used in Simplified Chinese but in none of JIS X 0208, JIS X 0213 and CP932, inside Japanese text; the share and examples are evidence.",
		Prior:   Scores{Medium: 2.5, Low: 1},
	},
	{
		ID: ContentHiddenText, Family: "content",
		TitleJA: "読み手に見えない隠しテキスト",
		TitleEN: "Hidden text",
		DocJA:   "読み手には見えない（display:none、大きさゼロ、白地に白、画面外）がフィルターは読む文字列です。文言の判定からは除きます。",
		DocEN:   "Text a reader cannot see (display:none, zero size, white on white, off-screen) but a filter reads; it is kept out of the phrase checks.",
		Prior:   Scores{Medium: 2, Low: 1},
	},
	{
		ID: ContentSextortion, Family: "content",
		SignFrom: Low,
		TitleJA:  "暗号資産を要求する脅迫",
		TitleEN:  "Sextortion with a crypto demand",
		DocJA:    "端末のハッキングや動画の録画を主張し、ビットコインなどの暗号資産での支払いを要求しています。",
		DocEN:    "Claims of a hacked device or recorded video together with a Bitcoin or other crypto payment demand.",
		Prior:    Scores{High: 8, Medium: 4},
		Kinds:    []Kind{KindExtortion},
	},
}
