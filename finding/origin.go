package finding

// Findings about the server the mail came from.
const (
	OriginDNSBLListed       ID = "origin.dnsbl_listed"
	OriginUnexpectedCountry ID = "origin.unexpected_country"
	OriginSummary           ID = "origin.summary"
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
}
