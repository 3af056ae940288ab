package finding

// unfittedJA gives each Unfitted reason in Japanese, for `mekiki checks`.
var unfittedJA = map[string]string{
	"the corpus's list archives carry no receiver Authentication-Results":           "コーパスのメーリングリスト保存分には受信側の Authentication-Results がないため",
	"missing results tell the corpus's era and list archives apart, not phishing":   "認証結果がないことはコーパスの時代や保存元の違いを表し、フィッシングかどうかを表さないため",
	"a limit is no evidence of phishing":                                            "上限に達したこと自体はフィッシングの証拠ではないため",
	"the [SPAM] tags come from the list server that archived the Japanese phishing": "[SPAM] の印は日本語フィッシングを保存したリストサーバーが付けたものであるため",
	"online only; evaluation runs offline":                                          "オンライン照会でだけ出る根拠で、評価はオフラインで行うため",
	"needs GeoIP databases; evaluation runs without them":                           "GeoIP データベースが必要で、評価はそれなしで行うため",
	"information only": "情報として示すだけの根拠のため",
	"too few corpus mails hide characters in names to fit a score":      "表示名に文字を隠したコーパスのメールが少なすぎて点数を調整できないため",
	"no feed store during evaluation":                                   "評価ではフィッシング情報のフィードを使わないため",
	"plain http tells 2002 mail from today's, not phishing":             "暗号化されていない http は 2002 年のメールと今のメールの違いを表し、フィッシングかどうかを表さないため",
	"the honeypot corpus rewrote every recipient address, in links too": "ハニーポットのコーパスは、リンク内も含めて宛先アドレスをすべて書き換えているため",
	"no corpus mail has a host longer than DNS allows":                  "DNS の上限より長いホスト名を持つコーパスのメールがないため",
	"the corpus holds almost no deliberately broken header blocks (1 ham, no phishing): an attacker's trick the team's evasion test covers":                                                                                                                                            "意図的に壊されたヘッダーはコーパスにほとんどなく（正規 1 通、フィッシング 0 通）、チームの回避テストで確かめている手口であるため",
	"the corpus's ham is 2002 mail and mailing-list posts, which are plain text by the lists' rules: on the dev split 0 of 108 list posts and 28 of 238 SpamAssassin ham are HTML only, against 105 of 158 phishing-pot phishing but also 50 of 97 marketing mails of the same source": "コーパスの正規メールは 2002 年のメールとテキストのみのメーリングリスト投稿で、dev 分割では HTML のみがリスト投稿 108 通中 0 通、SpamAssassin の正規メール 238 通中 28 通、フィッシングポットのフィッシング 158 通中 105 通、同じ収集元の広告メール 97 通中 50 通と、時代と収集元の違いを表すため",
}

// UnfittedIn returns why the finding is not fitted, in lang ("ja" or
// "en"), or "" when it is fitted.
func (d Def) UnfittedIn(lang string) string {
	if lang == "ja" {
		if ja, ok := unfittedJA[d.Unfitted]; ok {
			return ja
		}
	}
	return d.Unfitted
}
