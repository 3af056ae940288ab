package finding

// Findings about the links and images of the mail.
const (
	URLFeedListed         ID = "url.feed_listed"
	URLLookalikeDomain    ID = "url.lookalike_domain"
	URLIDNHomoglyph       ID = "url.idn_homoglyph"
	URLBrandInSubdomain   ID = "url.brand_in_subdomain"
	URLBrandKeywordDomain ID = "url.brand_keyword_domain"
	URLDomainInSubdomain  ID = "url.domain_in_subdomain"
	URLSuspiciousTLD      ID = "url.suspicious_tld"
	URLInsecureLogin      ID = "url.insecure_login"
	URLOpenRedirect       ID = "url.open_redirect"
	URLAnchorMismatch     ID = "url.anchor_mismatch"
	URLIPLiteral          ID = "url.ip_literal"
	URLUserinfoTrick      ID = "url.userinfo_trick"
	URLShortener          ID = "url.shortener"
	URLDynamicDNS         ID = "url.dynamic_dns"
	URLFreeHosting        ID = "url.free_hosting"
	URLRecipientInURL     ID = "url.recipient_in_url"
	URLOverlongHost       ID = "url.overlong_host"
	URLCMSCompromisePath  ID = "url.cms_compromise_path"
	URLNewDomain          ID = "url.new_domain"
)

var urlDefs = []Def{
	{
		ID: URLFeedListed, Family: "url",
		SignFrom: Low,
		TitleJA:  "フィッシングサイトとして登録済み",
		TitleEN:  "Listed on a phishing feed",
		DocJA:    "リンクの URL（またはドメインとパス）が、`mekiki feeds import` で取り込んだフィッシングフィード（JPCERT/CC phishurl-list、OpenPhish、PhishTank）に載っています。",
		DocEN:    "The link's URL, or its domain and path, is on a phishing feed imported with `mekiki feeds import` (JPCERT/CC phishurl-list, OpenPhish, PhishTank).",
		Prior:    Scores{High: 8},
		Unfitted: "no feed store during evaluation",
	},
	{
		ID: URLLookalikeDomain, Family: "url",
		SignFrom: Low,
		TitleJA:  "正規ドメインに似せた偽ドメイン",
		TitleEN:  "Lookalike domain",
		DocJA:    "リンクのドメインがブランドの正規ドメインを真似ています。数字や似た文字への置換（micr0s0ft）、文字の挿入・脱落・入れ替え（amaezon）、ドメインの断片の連結（amazon-co-jp）、別のトップレベルドメインでのブランド名などです。",
		DocEN:    "The link's domain imitates a brand's real domain: digits or look-alike letters swapped in (micr0s0ft), letters inserted, dropped or swapped (amaezon), domain pieces glued on (amazon-co-jp), or the brand's name under another suffix.",
		Prior:    Scores{High: 6, Medium: 3},
	},
	{
		ID: URLIDNHomoglyph, Family: "url",
		SignFrom: Low,
		TitleJA:  "見た目の似た外国文字を使ったドメイン",
		TitleEN:  "Homoglyph domain",
		DocJA:    "国際化ドメイン（punycode）が、ブランド名に見える別の文字体系の文字を使っている、またはラテン文字と別の文字体系を混ぜています。",
		DocEN:    "The link's internationalised (punycode) domain uses letters of another alphabet that render like a brand's name, or mixes Latin with another alphabet.",
		Prior:    Scores{High: 6, Medium: 3},
	},
	{
		ID: URLBrandInSubdomain, Family: "url",
		SignFrom: Low,
		TitleJA:  "サブドメインやパスにブランド名",
		TitleEN:  "Brand name in a subdomain or path",
		DocJA:    "ブランドと無関係なドメインの、サブドメイン（amazon.co.jp.example.top）や、ログイン用語と並ぶパスにブランド名があります。",
		DocEN:    "A brand's name is placed in the subdomain (amazon.co.jp.example.top) or, beside a login word, in the path of a domain that has nothing to do with the brand.",
		Prior:    Scores{High: 5, Medium: 2.5},
	},
	{
		ID: URLBrandKeywordDomain, Family: "url",
		SignFrom: Low,
		TitleJA:  "ブランド名とセキュリティ用語を組み合わせたドメイン",
		TitleEN:  "Brand plus security words",
		DocJA:    "リンクのドメインがブランド名にセキュリティやサポートの語をつないでいます（support-securityprotection-office.com）。ブランドの正規ドメインはそうしません。",
		DocEN:    "The link's domain glues a brand's name to security or support words (support-securityprotection-office.com), which the brand's real domains do not do.",
		Prior:    Scores{High: 5, Medium: 2.5},
	},
	{
		ID: URLDomainInSubdomain, Family: "url",
		SignFrom: Low,
		TitleJA:  "サブドメインに別のドメイン名",
		TitleEN:  "Domain name inside a subdomain",
		DocJA:    "サブドメインに別のドメイン名（….co.jp、….com）を書き、アドレスの先頭を本物らしく見せています。",
		DocEN:    "Another domain name (….co.jp, ….com) is written in the subdomain so that the start of the address looks genuine.",
		Prior:    Scores{Medium: 3},
	},
	{
		ID: URLSuspiciousTLD, Family: "url",
		TitleJA: "フィッシングに多いトップレベルドメイン",
		TitleEN: "Top-level domain common in phishing",
		DocJA:   "リンクのトップレベルドメインが、人気サイトに比べて日本向けフィッシングではるかに多く使われています（kb/data/tlds.yaml の事前確率。JPCERT/CC の一覧と Tranco から算出）。",
		DocEN:   "The link's top-level domain is far more common in phishing aimed at Japan than among popular sites (priors in kb/data/tlds.yaml, derived from JPCERT/CC's list against Tranco).",
		Prior:   Scores{Medium: 1.5, Low: 0.5},
	},
	{
		ID: URLInsecureLogin, Family: "url",
		TitleJA:  "暗号化されていないログインリンク",
		TitleEN:  "Login link over plain http",
		DocJA:    "ログイン・確認・支払いを求めるリンクが、暗号化されていない http のページへ向かっています。",
		DocEN:    "A link that asks to sign in, verify or pay goes to a plain-http page.",
		Prior:    Scores{Medium: 1.5, Low: 0.5},
		Kinds:    []Kind{KindCredential},
		Unfitted: "plain http tells 2002 mail from today's, not phishing",
	},
	{
		ID: URLOpenRedirect, Family: "url",
		TitleJA: "信頼できるサイトを踏み台にした転送",
		TitleEN: "Open redirect",
		DocJA:   "ブランドや有名サービスのドメインのリンクが、パラメータ経由で別のサイトへ転送します（google.com/url?q=…）。",
		DocEN:   "A link on a brand's or a well-known service's domain forwards to another site through a parameter (google.com/url?q=…).",
		Prior:   Scores{Medium: 2},
	},
	{
		ID: URLAnchorMismatch, Family: "url",
		SignFrom: Medium,
		TitleJA:  "表示されたリンク先と実際のリンク先が違う",
		TitleEN:  "Link text shows another domain",
		DocJA:    "表示されたリンク文字列はあるドメインを示していますが、実際のリンク先は別の組織です。",
		DocEN:    "The visible link text shows one domain, but the link goes to another organisation.",
		Prior:    Scores{High: 5, Medium: 2, Low: 0.5},
	},
	{
		ID: URLIPLiteral, Family: "url",
		SignFrom: High,
		TitleJA:  "IP アドレスへのリンク",
		TitleEN:  "Link to a bare IP address",
		DocJA:    "リンク先がドメイン名ではなく IP アドレスです。正規のサービスはこうしません。",
		DocEN:    "The link goes to an IP address instead of a domain name, which legitimate services do not do.",
		Prior:    Scores{High: 3, Medium: 2},
	},
	{
		ID: URLUserinfoTrick, Family: "url",
		SignFrom: Low,
		TitleJA:  "@ を使ってリンク先を偽装",
		TitleEN:  "user@host trick in a link",
		DocJA:    "リンクの @ の前に信頼できそうな名前を置いています。ブラウザーは @ の後ろのホストへ向かいます。",
		DocEN:    "The link puts a trusted-looking name before an @, so the browser goes to the host after it.",
		Prior:    Scores{High: 5},
	},
	{
		ID: URLShortener, Family: "url",
		TitleJA: "短縮 URL",
		TitleEN: "URL shortener",
		DocJA:   "リンクが行き先を隠す URL 短縮サービスを経由しています。",
		DocEN:   "The link goes through a URL-shortening service that hides its destination.",
		Prior:   Scores{Medium: 2},
	},
	{
		ID: URLDynamicDNS, Family: "url",
		SignFrom: Low,
		TitleJA:  "ダイナミック DNS のホスト",
		TitleEN:  "Dynamic-DNS host",
		DocJA:    "リンク先が、誰でもすぐに作れる無料のダイナミック DNS のホスト名です。",
		DocEN:    "The link goes to a free dynamic-DNS host name that anyone can create in a minute.",
		Prior:    Scores{High: 3},
	},
	{
		ID: URLFreeHosting, Family: "url",
		SignFrom: High,
		TitleJA:  "無料ホスティング上のページ",
		TitleEN:  "Free hosting",
		DocJA:    "リンク先が、フィッシングキットが使い捨てページに使う無料ホスティングやトンネルのサービスです。",
		DocEN:    "The link goes to a free hosting or tunnelling service that phishing kits use for throw-away pages.",
		Prior:    Scores{High: 4, Medium: 2},
	},
	{
		ID: URLRecipientInURL, Family: "url",
		TitleJA:  "リンクに受信者のメールアドレスが入っている",
		TitleEN:  "Recipient's address in the link",
		DocJA:    "受信者のメールアドレス（そのまま、パーセント・base64 エンコード、またはローカル部）がリンクに入っており、偽ログインページに入力済みにするためのものです。配信停止のリンクは除きます。",
		DocEN:    "The recipient's address (plain, percent- or base64-encoded, or its local part) is inside the link, to prefill a fake login page; unsubscribe links are excepted.",
		Prior:    Scores{Medium: 1, Low: 0.25},
		Kinds:    []Kind{KindCredential},
		Unfitted: "the honeypot corpus rewrote every recipient address, in links too",
	},
	{
		ID: URLOverlongHost, Family: "url",
		TitleJA:  "DNS の上限を超える長さのホスト名",
		TitleEN:  "Host name longer than DNS allows",
		DocJA:    "リンクのホスト名が DNS の上限（全体 253 文字、ラベル 63 文字）を超えています。ブラウザーでは開けず、本当のドメインを右端に隠したり、フィルターにすべての接尾辞を調べさせたりする手口です。右端のラベルだけを判定します。",
		DocEN:    "The link's host name is longer than DNS allows (253 characters, or 63 in one label): no browser opens it; it hides the real domain far to the right or makes filters work on every suffix. Only its rightmost labels are judged.",
		Prior:    Scores{Medium: 2.5},
		Unfitted: "no corpus mail has a host longer than DNS allows",
	},
	{
		ID: URLCMSCompromisePath, Family: "url",
		SignFrom: Low,
		TitleJA:  "乗っ取られたサイトに置かれたページ",
		TitleEN:  "Page dropped in a CMS tree",
		DocJA:    "リンクが CMS のディレクトリ（wp-content、wp-includes など）の中のスクリプトやページを開きます。乗っ取られたサイトに置かれたフィッシングキットの印です。",
		DocEN:    "The link opens a script or page inside a CMS directory (wp-content, wp-includes …), the mark of a phishing kit dropped on a hacked site.",
		Prior:    Scores{High: 4},
	},
	{
		ID: URLNewDomain, Family: "url",
		SignFrom: High,
		TitleJA:  "登録されたばかりのドメイン",
		TitleEN:  "Newly registered domain",
		DocJA:    "RDAP によると、リンク（または送信者）のドメインがここ数日（既定 30 日、7 日以内なら high）で登録されています。レジストラと、登録者がプライバシーサービスで隠されているかも示します。",
		DocEN:    "RDAP says a link's (or the sender's) domain was registered within the last days (default 30; high within 7), with its registrar and whether a privacy service hides the registrant.",
		Prior:    Scores{High: 3, Medium: 1.5},
		Unfitted: "online only; evaluation runs offline",
	},
}
