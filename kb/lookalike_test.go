package kb

import (
	"strings"
	"testing"
	"time"

	"github.com/mekiki/mekiki/domain"
)

// lookalikePositives are URLs that imitate a brand: kind and brand of the
// first match expected.
var lookalikePositives = []struct{ url, kind, brand string }{
	// digit and letter swaps
	{"http://rec0very-supp0rt-micr0s0ft.org/", domain.LookalikeDomain, "microsoft"},
	{"https://micr0soft.com/", domain.LookalikeDomain, "microsoft"},
	{"https://rnicrosoft.com/login", domain.LookalikeDomain, "microsoft"},
	{"https://amaz0n.jp/", domain.LookalikeDomain, "amazon"},
	{"https://arnazon.com/", domain.LookalikeDomain, "amazon"},
	{"https://amazon-c0-jp.top/", domain.LookalikeDomain, "amazon"},
	{"https://app1e.com/", domain.LookalikeDomain, "apple"},
	{"https://appie-id.com/", domain.LookalikeDomain, "apple"},
	{"https://rakuten-cārd.com/", domain.IDNHomoglyph, "rakuten"},
	{"https://rakutеn.co/", domain.IDNHomoglyph, "rakuten"},
	{"https://раураl.com/", domain.IDNHomoglyph, "paypal"},
	{"https://аррӏе.com/", domain.IDNHomoglyph, "apple"},
	{"https://xn--80ak6aa92e.com/", domain.IDNHomoglyph, "apple"},
	{"https://g00gle.com/", domain.LookalikeDomain, "google"},
	{"https://paypa1.com/", domain.LookalikeDomain, "paypal"},
	{"https://ebay-jp.com/", domain.LookalikeDomain, "ebay"},
	{"https://d0como.jp/", domain.LookalikeDomain, "docomo"},
	{"https://rnercari.jp/", domain.LookalikeDomain, "mercari"},
	{"https://s0ftbank.net/", domain.LookalikeDomain, "softbank"},
	{"https://netf1ix.com/", domain.LookalikeDomain, "netflix"},
	{"https://mercar1.shop/", domain.LookalikeDomain, "mercari"},
	{"https://sagawa-3xp.com/", domain.LookalikeDomain, "sagawa"},
	{"https://kur0nekoyamato.com/", domain.LookalikeDomain, "yamato"},
	{"https://ek1-net.com/", domain.LookalikeDomain, "jreast"},
	{"https://j4panpost.com/", domain.LookalikeDomain, "japanpost"},
	// typos: inserted, dropped, swapped, changed letters
	{"http://www.amaezon.com/", domain.LookalikeDomain, "amazon"},
	{"https://amazno.com/", domain.LookalikeDomain, "amazon"},
	{"https://amazoon.xyz/", domain.LookalikeDomain, "amazon"},
	{"https://mircosoft.com/", domain.LookalikeDomain, "microsoft"},
	{"https://microsft.net/", domain.LookalikeDomain, "microsoft"},
	{"https://rakutem.com/", domain.LookalikeDomain, "rakuten"},
	{"https://rakkuten.net/", domain.LookalikeDomain, "rakuten"},
	{"https://mercarl.top/", domain.LookalikeDomain, "mercari"},
	{"https://merrcari.com/", domain.LookalikeDomain, "mercari"},
	{"https://paypall.com/", domain.LookalikeDomain, "paypal"},
	{"https://netfliix.com/", domain.LookalikeDomain, "netflix"},
	{"https://docommo.com/", domain.LookalikeDomain, "docomo"},
	{"https://softbnak.jp/", domain.LookalikeDomain, "softbank"},
	{"https://yodobahi.com/", domain.LookalikeDomain, "yodobashi"},
	{"https://mizuhobnk.com/", domain.LookalikeDomain, "mizuho"},
	{"https://eposcrad.com/", domain.LookalikeDomain, "epos"},
	{"https://saisoncard.top/", domain.LookalikeDomain, "saison"},
	{"https://aeonbamk.com/", domain.LookalikeDomain, "aeon"},
	{"https://kuronekoyamat0.net/", domain.LookalikeDomain, "yamato"},
	{"https://japanpostt.com/", domain.LookalikeDomain, "japanpost"},
	{"https://coinchek.com/", domain.LookalikeDomain, "coincheck"},
	{"https://linkediin.com/", domain.LookalikeDomain, "linkedin"},
	{"https://dropbx.com/", domain.LookalikeDomain, "dropbox"},
	{"https://mastercrd.com/", domain.LookalikeDomain, "mastercard"},
	{"https://instagrarn.com/", domain.LookalikeDomain, "meta"},
	{"https://faceb00k.com/", domain.LookalikeDomain, "meta"},
	{"https://youtubee.com/", domain.LookalikeDomain, "google"},
	// the brand's own name under another suffix
	{"https://eki-net.co.jp/", domain.LookalikeDomain, "jreast"},
	{"https://amazon.top/", domain.LookalikeDomain, "amazon"},
	{"https://rakuten-card.net/", domain.LookalikeDomain, "rakuten"},
	{"https://smbc-card.net/", domain.LookalikeDomain, "smbc_card"},
	{"https://mercari.shop/", domain.LookalikeDomain, "mercari"},
	{"https://jcb.xyz/", domain.LookalikeDomain, "jcb"},
	{"https://aeon.cn/", domain.LookalikeDomain, "aeon"},
	{"https://kuronekoyamato.top/", domain.LookalikeDomain, "yamato"},
	// hyphenation and domain pieces
	{"https://amazon-co-jp.com/", domain.LookalikeDomain, "amazon"},
	{"https://www.amazon-co-jp.top/", domain.LookalikeDomain, "amazon"},
	{"https://amazoncojp.shop/", domain.LookalikeDomain, "amazon"},
	{"https://ekinet.com/", domain.LookalikeDomain, "jreast"},
	{"https://eki-net-co-jp.cn/", domain.LookalikeDomain, "jreast"},
	{"https://smbccard.xyz/", domain.LookalikeDomain, "smbc_card"},
	{"https://rakuten-co-jp.icu/", domain.LookalikeDomain, "rakuten"},
	{"https://mufg-jp.com/", domain.LookalikeDomain, "mufg"},
	{"https://jcb-co-jp.net/", domain.LookalikeDomain, "jcb"},
	{"https://aeon-co-jp.cfd/", domain.LookalikeDomain, "aeon"},
	{"https://yamato-co-jp.top/", domain.LookalikeDomain, "yamato"},
	{"https://docomo-ne-jp.com/", domain.LookalikeDomain, "docomo"},
	// brand + security/support words
	{"https://support-securityprotection-office.com/", domain.BrandKeyword, "microsoft"},
	{"https://secure-amazon-login.com/", domain.BrandKeyword, "amazon"},
	{"https://amazon-account-verify.net/", domain.BrandKeyword, "amazon"},
	{"https://amazonsecurity.top/", domain.BrandKeyword, "amazon"},
	{"https://appleid-support.com/", domain.BrandKeyword, "apple"},
	{"https://icloud-login.info/", domain.BrandKeyword, "apple"},
	{"https://rakuten-login.xyz/", domain.BrandKeyword, "rakuten"},
	{"https://mercari-support.com/", domain.BrandKeyword, "mercari"},
	{"https://smbc-security.net/", domain.BrandKeyword, "smbc_card"},
	{"https://vpass-login.top/", domain.BrandKeyword, "smbc_card"},
	{"https://aeon-card-update.com/", domain.BrandKeyword, "aeon"},
	{"https://epos-net-login.com/", domain.BrandKeyword, "epos"},
	{"https://saison-member.net/", domain.BrandKeyword, "saison"},
	{"https://jcb-secure.com/", domain.BrandKeyword, "jcb"},
	{"https://mufg-help.com/", domain.BrandKeyword, "mufg"},
	{"https://docomo-account.top/", domain.BrandKeyword, "docomo"},
	{"https://au-kddi-support.com/", domain.BrandKeyword, "au"},
	{"https://softbank-refund.com/", domain.BrandKeyword, "softbank"},
	{"https://paypay-campaign.net/", domain.BrandKeyword, "paypay"},
	{"https://netflix-billing.com/", domain.BrandKeyword, "netflix"},
	{"https://paypal-resolution-center.com/", domain.BrandKeyword, "paypal"},
	{"https://outlook-verify-login.com/", domain.BrandKeyword, "microsoft"},
	{"https://office365-login.net/", domain.BrandKeyword, "microsoft"},
	{"https://sagawa-delivery.com/", domain.BrandKeyword, "sagawa"},
	{"https://japanpost-tracking.top/", domain.BrandKeyword, "japanpost"},
	{"https://etc-meisai-info.com/", domain.BrandKeyword, "etc"},
	{"https://tepco-payment.com/", domain.BrandKeyword, "tepco"},
	{"https://nhk-online-payment.jp/", domain.BrandKeyword, "nhk"},
	{"https://yodobashi-point.com/", domain.BrandKeyword, "yodobashi"},
	{"https://mizuho-direct-login.com/", domain.BrandKeyword, "mizuho"},
	// brand tokens in subdomains of unrelated domains
	{"http://www.anzcam-co-jp.amaezon.qniseg.top/", domain.BrandInSubdomain, "amazon"},
	{"https://amazon.co.jp.evil-login.com/", domain.BrandInSubdomain, "amazon"},
	{"https://www.amazon.co.jp.abcde.cn/", domain.BrandInSubdomain, "amazon"},
	{"https://vpasss-ne-index.co.jp.zx52c6.5mnlhtv.cn/", domain.BrandInSubdomain, "smbc_card"},
	{"https://rakuten-card.co.jp.xyzabc.top/", domain.BrandInSubdomain, "rakuten"},
	{"https://mercari.jp.login.example.top/", domain.BrandInSubdomain, "mercari"},
	{"https://smbc-card.abc123.cn/", domain.BrandInSubdomain, "smbc_card"},
	{"https://eki-net.com.secure.example.net/", domain.BrandInSubdomain, "jreast"},
	{"https://yodobashi-tagser.tocmcx.cn/login_index/", domain.BrandInSubdomain, "yodobashi"},
	{"https://nttdocomo-login.indjjc.cn/", domain.BrandInSubdomain, "docomo"},
	{"https://kddi-fsi-com.lytsly.cn/", domain.BrandInSubdomain, "au"},
	{"http://amazon.co.jp.mpfypq.cn/index/index/", domain.BrandInSubdomain, "amazon"},
	{"https://appleid.apple.com.verify.example.top/", domain.BrandInSubdomain, "apple"},
	{"https://paypal.com.cgi-bin.example.ru/", domain.BrandInSubdomain, "paypal"},
	{"https://microsoftonline.auth.example.xyz/", domain.BrandInSubdomain, "microsoft"},
	{"https://aeon-card.example.shop/", domain.BrandInSubdomain, "aeon"},
	{"https://saisoncard.example.icu/", domain.BrandInSubdomain, "saison"},
	{"https://kuronekoyamato.example.cfd/", domain.BrandInSubdomain, "yamato"},
	{"https://amazonsecure.example.com/", domain.BrandInSubdomain, "amazon"},
	{"https://sagawa-exp.example.top/", domain.BrandInSubdomain, "sagawa"},
	// another domain's name written in the subdomain
	{"https://www.kueroansaskayasetn.co.jp.vagaa26.cn/", domain.DomainInSubdomain, ""},
	{"https://www.xyzabc.co.jp.example.top/", domain.DomainInSubdomain, ""},
	// brand glued into a label without a separator (issue examples first)
	{"http://ckodocomo.com/", domain.BrandKeyword, "docomo"},
	{"http://miudocomo.com/", domain.BrandKeyword, "docomo"},
	{"http://zkdocomo.com/", domain.BrandKeyword, "docomo"},
	{"http://uvrakuten.net/", domain.BrandKeyword, "rakuten"},
	{"https://mydocomo-qz.com/", domain.BrandKeyword, "docomo"},
	{"https://secureamazonx.example.cn/", domain.BrandInSubdomain, "amazon"},
	{"https://myjcb.example.cn/", domain.BrandInSubdomain, "jcb"},
	// brand beside any word, not only security words
	{"https://apple-detect.com/", domain.BrandKeyword, "apple"},
	{"https://yahoo-maintain.com/", domain.BrandKeyword, "yahoo_japan"},
	{"https://rakuten-kumo.xyz/", domain.BrandKeyword, "rakuten"},
	{"https://sagawa-qx.com/", domain.BrandKeyword, "sagawa"},
	{"https://amazon-id-8812345.xyz/", domain.BrandKeyword, "amazon"},
	{"https://cnonect-au-login.ips-au.com/", domain.BrandInSubdomain, "au"},
	{"https://connect-au-login.example.cn/", domain.BrandInSubdomain, "au"},
	{"https://au-login.example.com/", domain.BrandInSubdomain, "au"},
	{"https://secure.jcb.example.top/", domain.BrandInSubdomain, "jcb"},
	// long names with letters inserted, dropped or swapped
	{"https://amerizxanexpress.com/", domain.LookalikeDomain, "amex"},
	{"https://kurronekoyamatto.com/", domain.LookalikeDomain, "yamato"},
	{"https://kuronekoyamatto-jp.com/", domain.LookalikeDomain, "yamato"},
	{"https://rakutem-co-ip.net/", domain.LookalikeDomain, "rakuten"},
	{"https://www.mercraii.example.top/", domain.BrandInSubdomain, "mercari"},
	{"https://amaozom.example.cn/", domain.BrandInSubdomain, "amazon"},
	{"https://www5.jp.merccaroi.example.cn/", domain.BrandInSubdomain, "mercari"},
	{"https://smbc-carb.com.example.cn/", domain.BrandInSubdomain, "smbc_card"},
	{"https://www.etc-meisia.jp.example.club/", domain.BrandInSubdomain, "etc"},
	// the name split by hyphens or dots
	{"https://am-azon-login.com/", domain.LookalikeDomain, "amazon"},
	{"https://eki.net.example.com/", domain.BrandInSubdomain, "jreast"},
	{"https://www.mu.fg-jp.example.cn/", domain.BrandInSubdomain, "mufg"},
	// two of a brand's names side by side, misspelt
	{"https://jp.au.kddo.example.cn/", domain.BrandInSubdomain, "au"},
	{"https://au.kidi.example.com/", domain.BrandInSubdomain, "au"},
	// after www.jp. and similar prefixes, and Japanese domains written in
	{"https://www.jp.amazon.example.com/", domain.BrandInSubdomain, "amazon"},
	{"https://jp-rakuten.com/", domain.LookalikeDomain, "rakuten"},
	{"https://amazon-tokyo-jp.com/", domain.LookalikeDomain, "amazon"},
	{"https://amazon.co.ip.example.club/", domain.BrandInSubdomain, "amazon"},
	{"https://www.e-tax.nta.go.jp.example.com/", domain.DomainInSubdomain, ""},
	// brand in the path beside a login word
	{"https://compromised.example.com/amazon/signin.php", domain.BrandInPath, "amazon"},
	{"https://example.net/rakuten/login/", domain.BrandInPath, "rakuten"},
	{"https://example.org/wp/smbc-card/verify.html", domain.BrandInPath, "smbc_card"},
}

// lookalikeNegatives are URLs that must raise nothing: brands' own domains
// and subdomains, and ordinary domains that only resemble a brand word.
var lookalikeNegatives = []string{
	"https://www.amazon.co.jp/gp/css/order-history",
	"https://amazon.com/", "https://www.amazon.de/", "https://m.media-amazon.com/images/x.jpg",
	"https://login.microsoftonline.com/common/oauth2", "https://account.microsoft.com/", "https://outlook.live.com/",
	"https://www.office.com/", "https://support.apple.com/ja-jp/HT204759", "https://appleid.apple.com/",
	"https://www.icloud.com/", "https://accounts.google.com/", "https://www.youtube.com/watch?v=x",
	"https://www.rakuten.co.jp/", "https://www.rakuten-card.co.jp/e-navi/", "https://www.rakuten-sec.co.jp/",
	"https://www.smbc-card.com/mem/index.jsp", "https://www.vpass.ne.jp/", "https://www.smbc.co.jp/",
	"https://www.bk.mufg.jp/", "https://www.mizuhobank.co.jp/", "https://www.resonabank.co.jp/",
	"https://www.jp-bank.japanpost.jp/", "https://www.post.japanpost.jp/", "https://www.jcb.co.jp/",
	"https://www.aeon.co.jp/", "https://www.aeonbank.co.jp/", "https://www.saisoncard.co.jp/",
	"https://www.eposcard.co.jp/", "https://www.orico.co.jp/", "https://www.viewsnet.jp/",
	"https://www.eki-net.com/", "https://www.jreast.co.jp/", "https://www.jr-odekake.net/",
	"https://www.au.com/", "https://www.kddi.com/", "https://www.docomo.ne.jp/", "https://www.softbank.jp/",
	"https://paypay.ne.jp/", "https://jp.mercari.com/", "https://line.me/", "https://www.yahoo.co.jp/",
	"https://www.kuronekoyamato.co.jp/", "https://www.sagawa-exp.co.jp/", "https://www.nta.go.jp/",
	"https://www.etc-meisai.jp/", "https://www.netflix.com/jp/", "https://www.paypal.com/jp/",
	"https://www.visa.co.jp/", "https://www.mastercard.co.jp/", "https://www.americanexpress.com/ja-jp/",
	"https://www.tepco.co.jp/", "https://www.tokyo-gas.co.jp/", "https://www.nhk.or.jp/",
	"https://www.sbisec.co.jp/", "https://www.yodobashi.com/", "https://www.ana.co.jp/", "https://www.jal.co.jp/",
	"https://coincheck.com/", "https://www.linkedin.com/in/x", "https://www.dropbox.com/s/x", "https://www.ebay.com/",
	// ordinary domains that resemble brand words
	"https://www.amazing.co.jp/", "https://apply.example.com/", "https://www.applebees.com/",
	"https://www.nikkei.com/", "https://www.asahi.com/", "https://mainichi.jp/", "https://www.yomiuri.co.jp/",
	"https://www.itmedia.co.jp/news/articles/2411/amazon.html", "https://www.impress.co.jp/",
	"https://www.docodoco.jp/", "https://www.mercury.com/", "https://www.rakus.co.jp/",
	"https://www.office-work.co.jp/", "https://www.line-up.jp/", "https://windowsforum.example/",
	"https://www.microsemi.com/", "https://www.paypay-dome.example/", "https://www.jalan.net/",
	"https://www.hotpepper.jp/", "https://www.cookpad.com/", "https://www.zozo.jp/", "https://www.uniqlo.com/jp/",
	"https://www.yamada-denki.jp/", "https://www.biccamera.com/", "https://www.aeondream.example/",
	"https://www.smbcnikko.example/", "https://www.epson.jp/", "https://www.sony.jp/", "https://www.panasonic.jp/",
	"https://github.com/", "https://stackoverflow.com/", "https://www.wikipedia.org/", "https://www.cloudflare.com/",
	"https://www.akamai.com/", "https://www.fastly.com/", "https://cdn.jsdelivr.net/npm/x",
	"https://www.facebook-watch-party.example/", "https://www.googleapis.com/", "https://fonts.googleapis.com/css",
	"https://www.mufgam.example/", "https://example.com/account/settings", "https://example.jp/support/login",
	"https://shop.example.jp/amazon-pay/checkout", "https://www.example.co.jp/news/rakuten-ichiba-sale",
	"https://www.example.com/blog/how-to-use-apple-pay", "https://mail.example.co.jp/", "https://www.ntt.com/",
	"https://www.ntt-east.co.jp/", "https://www.nttdata.com/", "https://www.kddi-research.example/",
	"https://www.jcbhall.example/",
	"https://www.toyota.jp/", "https://www.honda.co.jp/", "https://www.nissan.co.jp/",
	"https://www.city.example.lg.jp/", "https://www.pref.example.lg.jp/", "https://www.u-tokyo.ac.jp/",
	"https://www.recruit.co.jp/", "https://www.mynavi.jp/", "https://www.doda.jp/", "https://www.bizreach.jp/",
	// brands' own sites and group companies
	"https://groups.google.com/", "https://www.smbcnikko.co.jp/", "https://www.aeoncinema.com/", "https://www.jalpak.jp/",
	"https://www.docomo-cs.co.jp/", "https://www.docomo-sys.co.jp/", "https://www.kddi-research.jp/", "https://www.ana-g.com/",
	"https://amazonaws.cn/", "https://amazonaws.com.cn/", "https://sagawa-exp.co.jp/", "https://rakuten.ad.jp/",
	"https://telekom.hu/", "https://yahoo.de/", "https://wetransfer.net/", "https://mercadolibre.com.ve/",
	// popular domains that merely contain a short token or resemble one
	"https://startups.com/", "https://dhlottery.co.kr/", "https://www.anaconda.com/", "https://www.auction.co.jp/",
	"https://au-pair.com/", "https://www.nakau.co.jp/", "https://www.banana.co.jp/", "https://www.kanazawa-u.ac.jp/",
	"https://www.online-shop.jp/", "https://www.aucfan.com/", "https://duunitori.fi/", "https://ivymobile.com/",
	"https://sonymobile.com/", "https://my-manager-account.com/", "https://concordia.ca/", "https://tecno-mobile.com/",
	"https://linkin.bio/", "https://www.behance.net/", "https://natwest.com/",
	// honest subdomains: a short name alone, a word a letter or two from a name, localised sites
	"https://au.indeed.com/", "https://login.au.example.com/", "https://jcb.example.com/", "https://nhk.example.com/",
	"https://www.amazing.example.cn/", "https://simon.example.cn/", "https://linked.example.com/",
	"https://applecore.lockergnome.com/", "https://notify-me.example.com/", "https://jp.trustpilot.com/",
	"https://www.jp.playstation.com/", "https://jp.salon.com/",
}

func TestLookalikePositives(t *testing.T) {
	k := Default()
	for _, tt := range lookalikePositives {
		u, ok := domain.ParseURL(tt.url)
		if !ok {
			t.Errorf("%s: not a URL", tt.url)
			continue
		}
		got := k.Lookalike(u)
		if len(got) == 0 {
			t.Errorf("%s: no lookalike, want %s/%s", tt.url, tt.kind, tt.brand)
			continue
		}
		if got[0].Kind != tt.kind || got[0].Brand != tt.brand {
			t.Errorf("%s: got %s/%s (%s, token %q), want %s/%s", tt.url, got[0].Kind, got[0].Brand, got[0].Method, got[0].Token, tt.kind, tt.brand)
		}
	}
	if len(lookalikePositives) < 100 {
		t.Errorf("only %d positive cases; the issue asks for at least 100", len(lookalikePositives))
	}
}

func TestLookalikeNegatives(t *testing.T) {
	k := Default()
	for _, raw := range lookalikeNegatives {
		u, ok := domain.ParseURL(raw)
		if !ok {
			t.Errorf("%s: not a URL", raw)
			continue
		}
		if got := k.Lookalike(u); len(got) > 0 {
			t.Errorf("%s: got %s/%s (%s, token %q, found %q)", raw, got[0].Kind, got[0].Brand, got[0].Method, got[0].Token, got[0].Found)
		}
	}
	if len(lookalikeNegatives) < 100 {
		t.Errorf("only %d negative cases; the issue asks for at least 100", len(lookalikeNegatives))
	}
}

// The host scan stays bounded on hosts made to make it work: many
// pieces, a name repeated, labels at DNS's limits.
func TestLookalikeHostileHosts(t *testing.T) {
	k := Default()
	for _, h := range []string{
		strings.Repeat("a-", 120) + "x.com",
		strings.Repeat("amazon.", 35) + "x.cn",
		strings.Repeat("au-", 80) + "login.x.cn",
		strings.Repeat("mercari", 9) + "." + strings.Repeat("mercaari", 7) + ".x.cn",
		strings.Repeat("a.", 120) + "cn",
		strings.Repeat("ｱ-", 30) + "jp.x.cn",
	} {
		u, ok := domain.ParseURL("https://" + h + "/")
		if !ok {
			continue
		}
		start := time.Now()
		for i := 0; i < 100; i++ {
			k.Lookalike(u)
		}
		if d := time.Since(start) / 100; d > 20*time.Millisecond {
			t.Errorf("%.40s…: %v a host", h, d)
		}
	}
}

func TestLookalikeMarksDifferences(t *testing.T) {
	k := Default()
	for raw, want := range map[string]string{
		"http://rec0very-supp0rt-micr0s0ft.org/": "micr[0]s[0]ft",
		"http://www.amaezon.com/":                "ama[e]zon",
		"https://app1e.com/":                     "app[1]e",
	} {
		u, _ := domain.ParseURL(raw)
		got := k.Lookalike(u)
		if len(got) == 0 || !strings.Contains(got[0].Marked, want) {
			t.Errorf("%s: marked %+v, want it to contain %q", raw, got, want)
		}
	}
}

// The words shown beside the brand are the ones written in the domain,
// not their folded skeletons (securityprotection, not securltyprotectlon).
func TestLookalikeKeywordsAsWritten(t *testing.T) {
	k := Default()
	for raw, want := range map[string]string{
		"https://support-securityprotection-office.com/": "support securityprotection",
		"http://rec0very-supp0rt-micr0s0ft.org/":         "rec0very supp0rt",
		"https://amazonsecurity.top/":                    "security",
	} {
		u, _ := domain.ParseURL(raw)
		got := k.Lookalike(u)
		if len(got) == 0 || strings.Join(got[0].Keywords, " ") != want {
			t.Errorf("%s: keywords %+v, want %q", raw, got, want)
		}
	}
}
