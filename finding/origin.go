package finding

// Findings about the server the mail came from.
const (
	OriginDNSBLListed       ID = "origin.dnsbl_listed"
	OriginUnexpectedCountry ID = "origin.unexpected_country"
	OriginSummary           ID = "origin.summary"
	OriginBareIPHelo        ID = "origin.bare_ip_helo"
)

var originDefs = []Def{
	{
		ID: OriginDNSBLListed, Family: "origin",
		TitleJA:  "送信元サーバーがブロックリストに掲載",
		TitleEN:  "Originating server on a blocklist",
		DocJA:    "送信元 IP が DNS ブロックリスト（Spamhaus ZEN、SpamCop など）に載っています。二つ以上に載っていれば high です。",
		DocEN:    "The originating IP is listed on DNS blocklists (Spamhaus ZEN, SpamCop …); high when listed on two or more.",
		Prior:    Scores{High: 4, Medium: 2},
		Unfitted: "online only; evaluation runs offline",
	},
	{
		ID: OriginUnexpectedCountry, Family: "origin",
		TitleJA:  "想定外の国からの送信",
		TitleEN:  "Sent from an unexpected country",
		DocJA:    "送信元が決まった国（国内ブランドなら日本）のブランドを名乗りながら、ブランドのドメインからではなく、GeoIP では送信サーバーが別の国にあります。補助的な証拠（low）で、--geoip-country が必要です。",
		DocEN:    "The mail claims a brand whose own mail comes from known countries (a domestic brand's: Japan), it is not from the brand's domain, and GeoIP places the originating server elsewhere. Supporting evidence only (low); needs --geoip-country.",
		Prior:    Scores{Low: 1},
		Unfitted: "needs GeoIP databases; evaluation runs without them",
	},
	{
		ID: OriginSummary, Family: "origin",
		TitleJA:  "送信元サーバー",
		TitleEN:  "Originating server",
		DocJA:    "受信側が記録した、送信元の IP アドレスと最初の外部の経由サーバーです。",
		DocEN:    "The originating IP address and the first external hop, as written by the receiving side.",
		Prior:    Scores{Info: 0},
		Unfitted: "information only",
	},
	{
		ID: OriginBareIPHelo, Family: "origin",
		TitleJA:    "送信元サーバーの名乗り（HELO）が裸の IP アドレス",
		TitleEN:    "Originating server greeted with a bare IP address",
		DocJA:      "送信元サーバーが HELO/EHLO でホスト名ではなく角かっこなしの IP アドレスを名乗りました。RFC 5321 はアドレスなら [192.0.2.1] の形を求めており、まともなメールサーバーはこうしません。乗っ取られたパソコンや送信ツールの特徴です。ほかの証拠があるときだけ加点します。",
		DocEN:      "The originating server said HELO/EHLO with an IP address without brackets instead of a host name. RFC 5321 asks for [192.0.2.1] when an address is given, and real mail servers do not do this; hijacked PCs and sending tools do. Counts only beside other evidence.",
		Prior:      Scores{Low: 1},
		Supporting: true,
	},
}
