package finding

// Findings about sender authentication as the receiver recorded it.
const (
	AuthSPFFail   ID = "auth.spf_fail"
	AuthDKIMFail  ID = "auth.dkim_fail"
	AuthDMARCFail ID = "auth.dmarc_fail"
	AuthMissing   ID = "auth.missing"
)

var authDefs = []Def{
	{
		ID: AuthSPFFail, Family: "auth",
		TitleJA:  "SPF 認証に失敗",
		TitleEN:  "SPF failed",
		DocJA:    "送信サーバーが、エンベロープのドメインの SPF レコードで許可されていません。",
		DocEN:    "The sending server is not authorised by the envelope domain's SPF record.",
		Prior:    Scores{Medium: 2, Low: 1},
		Unfitted: "the corpus's list archives carry no receiver Authentication-Results",
	},
	{
		ID: AuthDKIMFail, Family: "auth",
		TitleJA:  "DKIM 署名の検証に失敗",
		TitleEN:  "DKIM signature failed",
		DocJA:    "DKIM 署名の検証に失敗し、成功した署名がひとつもありません。",
		DocEN:    "A DKIM signature did not verify and none passed.",
		Prior:    Scores{Medium: 1.5, Low: 0.5},
		Unfitted: "the corpus's list archives carry no receiver Authentication-Results",
	},
	{
		ID: AuthDMARCFail, Family: "auth",
		TitleJA:  "DMARC 認証に失敗",
		TitleEN:  "DMARC failed",
		DocJA:    "差出人（From）ドメインの DMARC 検査に失敗しました。SPF も DKIM も From ドメインと一致していません。",
		DocEN:    "The From domain's DMARC check failed: neither SPF nor DKIM aligned with it.",
		Prior:    Scores{High: 5, Medium: 3},
		Unfitted: "the corpus's list archives carry no receiver Authentication-Results",
	},
	{
		ID: AuthMissing, Family: "auth",
		TitleJA:  "送信ドメイン認証がない",
		TitleEN:  "No sender authentication",
		DocJA:    "受信側が送信者の SPF・DKIM の結果を記録していない、または何も記録していません。",
		DocEN:    "The receiver recorded no SPF or DKIM result for the sender, or recorded nothing at all.",
		Prior:    Scores{Medium: 1.5, Low: 0.5, Info: 0},
		Unfitted: "missing results tell the corpus's era and list archives apart, not phishing",
	},
}
