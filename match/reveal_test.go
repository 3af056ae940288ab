package match

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

func TestRevealDisguises(t *testing.T) {
	for _, c := range []struct {
		in, want string
		tricks   Trick
	}{
		// Invisible characters inside words.
		{"Micro\u200bsoft", "Microsoft", TrickInvisible},
		{"Your Pay\u00ad\u00ad\u00adPal account", "Your PayPal account", TrickInvisible},
		{"Ama\u2060zon", "Amazon", TrickInvisible},
		{"Net\ufeff" + "flix", "Netflix", TrickInvisible},
		{"Apple\u180eID", "AppleID", TrickInvisible},
		{"Coi\u034fnbase", "Coinbase", TrickInvisible},
		{"Bit\U000E0041\U000E0042coin", "Bitcoin", TrickInvisible},
		{"U\U000E0139\U000E0139pgraded Se\U000E0139curity", "Upgraded Security", TrickInvisible},
		{"Pay\u200dPal", "PayPal", TrickInvisible},
		{"Coi\u2064ncheckをご\ufe09利用いただ\ufe09きありが\u2061とう", "Coincheckをご利用いただきありがとう", TrickInvisible},
		{"〒15\u20640-0044", "〒150-0044", TrickInvisible},
		{"利用が制\ufe09限されている", "利用が制限されている", TrickInvisible},
		{"Ama\x00zon", "Amazon", TrickInvisible},
		{"Мicro\u200bsoft", "Microsoft", TrickInvisible | TrickMixedScript},

		// Cyrillic and Greek look-alikes inside Latin words.
		{"МеtaМask", "MetaMask", TrickMixedScript},
		{"Pаypal", "Paypal", TrickMixedScript},
		{"Аmazon お客様", "Amazon お客様", TrickMixedScript},
		{"Аmazonアカウント", "Amazonアカウント", TrickMixedScript},
		{"Αttention! Υoυr wαllet hανe fαiled", "Attention! Your wallet have failed", TrickMixedScript},
		{"Ѕtагt Your 7-Day Adventure", "Start Your 7-Day Adventure", TrickMixedScript},
		{"on our networκ.", "on our network.", TrickMixedScript},
		{"VlNCl Αutοrοutes", "VlNCl Autoroutes", TrickMixedScript},
		{"bitсоin wаllеt", "bitcoin wallet", TrickMixedScript},
		{"ΡayΡal", "PayPal", TrickMixedScript},
		{"Аррlе ID", "Apple ID", TrickMixedScript},

		// Single Latin letters interleaved with Japanese fillers.
		{"C キシ o 航 n 上戸 g r a t u l a t i o n s", "Congratulations", TrickInterleaved},
		{"C キシ o 航 n 上戸 g 海 r a 丸 t  y 子 o u 夏 r", "Congrat your", TrickInterleaved},
		{"件名: Yキo航u上r  海a海c丸c子o夏u空n星t", "件名: Your account", TrickInterleaved},
		{"P 山 a 川 s 谷 s 木 w 森 o 林 r 空 d", "Password", TrickInterleaved},

		// Letters separated by spaces, dots, underscores or hyphens.
		{"P a y P a l", "PayPal", TrickSpaced},
		{"Please v.e.r.i.f.y your account", "Please verify your account", TrickSpaced},
		{"A m a z o n", "Amazon", TrickSpaced},
		{"Y o u r  a c c o u n t  h a s  b e e n  s u s p e n d e d", "Your account has been suspended", TrickSpaced},
		{"P.a.y.P.a.l", "PayPal", TrickSpaced},
		{"M_i_c_r_o_s_o_f_t", "Microsoft", TrickSpaced},
		{"N-e-t-f-l-i-x", "Netflix", TrickSpaced},
		{"Ａ ｍ ａ ｚ ｏ ｎ からのお知らせ", "Ａｍａｚｏｎ からのお知らせ", TrickSpaced},
		{"(P a y P a l)", "(PayPal)", TrickSpaced},
		{"U N I V E R S I T Y    D I P L O M A S", "UNIVERSITY DIPLOMAS", TrickSpaced},
		{"T.h.i.s i.s y.o.u.r b.a.n.k", "This is your bank", TrickSpaced},
		{"h t m l f o o d . c o m", "htmlfood.com", TrickSpaced},
	} {
		got, tricks := Reveal(c.in)
		if got != c.want || tricks != c.tricks {
			t.Errorf("Reveal(%q) = %q, %v; want %q, %v", c.in, got, tricks.Names(), c.want, c.tricks.Names())
		}
	}
}

// TestRevealOrdinaryText: text that is not disguised comes back as it
// is, without a trick, and without an allocation.
func TestRevealOrdinaryText(t *testing.T) {
	for _, in := range ordinaryTexts {
		got, tricks := Reveal(in)
		if tricks != 0 || got != in {
			t.Errorf("Reveal(%q) = %q, %v; want it unchanged", in, got, tricks.Names())
			continue
		}
		if len(in) > 0 && unsafe.StringData(got) != unsafe.StringData(in) {
			t.Errorf("Reveal(%q) returned a copy", in)
		}
	}
	all := strings.Join(ordinaryTexts, "\n")
	if n := testing.AllocsPerRun(20, func() { Reveal(all) }); n != 0 {
		t.Errorf("Reveal on ordinary text: %v allocations", n)
	}
}

var ordinaryTexts = []string{
	"",
	// Japanese business mail.
	"いつもお世話になっております。株式会社サンプルの田中です。",
	"A社とB社の見積もりを比較し、C案で進めることになりました。",
	"会議はA会議室で行います。Wi-Fiのパスワードは受付でお尋ねください。",
	"評価は A B C D E の5段階です。",
	"A案、B案、C案、D案、E案、F案のいずれかをお選びください。",
	"サイズ：S M L XL をご用意しております。",
	"Tシャツ（Mサイズ）を2枚、eメールでご注文いただきました。",
	"本日はA会議室にて、Bさんと打ち合わせ、Cプロジェクトの件です。Dさん、Eさんも参加予定、F社の資料はGさんが用意します。",
	"XさんとYさんとZさんが参加します。",
	"BさんがAさんにCを渡し、EさんはDとFを持参します。",
	"B社とA社、C社、E社、D社、F社の順でご説明します。",
	"楽しかったw また行こうw よろしくm(_ _)m",
	"ご利用ありがとうございます。Amazon.co.jp カスタマーサービス",
	"東京都渋谷区道玄坂1-2-3　〒150-0044　TEL 03-1234-5678",
	"β版のテストにご協力ください。α版からの変更点はこちら。",
	"(゜Д゜) Σ(ﾟДﾟ) (´・ω・`) ｏ(^▽^)ｏ",
	"ｗｗｗ 笑w",
	"葛\U000E0100城市の辻\U000E0101さん", // ideographic variation sequences
	"\u8279\ufe00\u5b57",          // a standardized variant of a Han ideograph
	// English.
	"J. R. R. Tolkien wrote The Lord of the Rings.",
	"Made in the U.S.A. by I.B.M. (e.g. i.e. a.k.a. N.B.)",
	"Set S.M.A.R.T. goals with U.N.E.S.C.O. and N.A.S.A.",
	"T.H.I.S I.S M.E ! Version 2.0",
	"Please R.S.V.P. by Friday. P.S. bring a b c d e lists.",
	"Grades: A B C D F. Sizes: S M L.",
	"x x x x x and hugs",
	"I saw a cat; a dog saw I.",
	"Wi-Fi, e-mail, T-shirt, X-ray, A-list, U-turn.",
	"Version 2.0.1-rc.3 of the a-b-c package",
	"http://rina.h-y-p-h-e-n-s.net/blog/index.php and https://example.com/a/b/c/d/e/f",
	"mailto:a.b.c.d.e@example.com",
	"for (i = 0; i < n; i++) { a[i] = b[j] + c[k]; }",
	"if x := f(a, b, c, d, e); x != nil { return y }",
	"<p><p><p><p><p><p><p><o:p><o:p><o:p></o:p>",
	"TNFα and IFNγ levels; NF-κB signalling; 5 μm",
	"Ver\u00adsicherung und Haft\u00adpflicht", // one soft hyphen: hyphenation hint
	"\ufeffHello world",                        // BOM at the start
	"word\u200b word \u200b",                   // between words
	// Russian and Greek.
	"Привет! Как дела? Сегодня хорошая погода, и мы идём в парк с детьми.",
	"Москва — столица России. Я и ты, а он у окна.",
	"Καλημέρα σας, τι κάνετε; Ο καιρός είναι ωραίος σήμερα.",
	"ΑΘΗΝΑ ΚΑΙ ΠΕΙΡΑΙΑΣ",
	// Emoji.
	"👩\u200d💻 👨\u200d👩\u200d👧\u200d👦 ❤\ufe0f 1\ufe0f\u20e3 🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F",
	// Scripts that use joiners.
	"می\u200cخواهم", // Persian ZWNJ
	"क्\u200dष",     // Devanagari ZWJ after virama
	"ภาษา\u200bไทย", // Thai ZWSP between words
	"ᠮᠣᠩᠭᠣᠯ\u180bᠤ", // Mongolian free variation selector
	// Invalid UTF-8.
	"abc\xff\xfe def \xc0 g h",
}

func TestRevealInvalidUTF8(t *testing.T) {
	for _, in := range []string{"\xffP a y P a l\xff", "Pay\xff\u200bPal", "М\xffеtaМask", "C\xff キシ o 航 n 上戸 g r a t u l", "\xe3\x81"} {
		got, _ := Reveal(in)
		if countInvalid(got) != countInvalid(in) {
			t.Errorf("Reveal(%q) = %q: invalid bytes not kept", in, got)
		}
	}
}

// TestIgnorableTable: isIgnorable is Unicode's Default_Ignorable_Code_Point
// (Other_Default_Ignorable_Code_Point + Cf + Variation_Selector, less the
// white space, the interlinear annotation characters, the prepended
// concatenation marks and the Egyptian hieroglyph format controls) plus
// the controls.
func TestIgnorableTable(t *testing.T) {
	for r := rune(0); r <= 0xE0FFF; r++ {
		di := unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) || unicode.Is(unicode.Variation_Selector, r) ||
			unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Prepended_Concatenation_Mark, r) &&
				!(r >= 0xFFF9 && r <= 0xFFFB) && !(r >= 0x13430 && r <= 0x1343F)
		di = di || unicode.IsControl(r) && !unicode.IsSpace(r)
		if isIgnorable(r) != di {
			t.Errorf("isIgnorable(%U) = %v, want %v", r, isIgnorable(r), di)
		}
	}
}

// TestClassRanges: the ranges classOf tells by hand agree with the
// Unicode tables, but for the characters Japanese counts as its own
// (ー, 〆, 〇 and the half-width ｰ are of no script) and the invisible
// ones.
func TestClassRanges(t *testing.T) {
	for _, span := range [][2]rune{{0x80, 0x52F}, {0x2000, 0x206F}, {0x3000, 0x30FF}, {0x3400, 0x9FFF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFF00, 0xFFEF}} {
		for r := span[0]; r <= span[1]; r++ {
			if isIgnorable(r) || !unicode.IsGraphic(r) && !unicode.In(r, unicode.Cc, unicode.Cf, unicode.Co) { // unassigned
				continue
			}
			switch r {
			case 0x30FC, 0x3006, 0x3007, 0xFF70:
				continue
			}
			if got, want := classOf(r, utf8.RuneLen(r)), classOfUnicode(r); got != want {
				t.Errorf("classOf(%U) = %d, Unicode tables %d", r, got, want)
			}
		}
	}
}

func TestTrickNames(t *testing.T) {
	if got := (TrickInvisible | TrickSpaced).Names(); !reflect.DeepEqual(got, []string{"invisible", "spaced"}) {
		t.Errorf("Names = %v", got)
	}
	all := TrickInvisible | TrickMixedScript | TrickInterleaved | TrickSpaced
	if got := all.Names(); !reflect.DeepEqual(got, []string{"invisible", "mixed_script", "interleaved", "spaced"}) {
		t.Errorf("Names = %v", got)
	}
	if Trick(0).Names() != nil {
		t.Error("no trick has names")
	}
}

// TestRevealMatches: a revealed brand is found by the dictionary that
// misses it disguised.
func TestRevealMatches(t *testing.T) {
	d := NewDictionary([]Term{{Text: "paypal", Value: 1}, {Text: "metamask", Value: 2}, {Text: "congratulations", Value: 3}})
	for _, in := range []string{"P a y P a l", "Pаypal", "МеtaМask wallet", "C キシ o 航 n 上戸 g r a t u l a t i o n s"} {
		if len(d.Find(Normalize(in), "")) != 0 {
			t.Errorf("%q found before Reveal", in)
		}
		out, _ := Reveal(in)
		if len(d.Find(Normalize(out), "")) != 1 {
			t.Errorf("%q: %q not found after Reveal", in, out)
		}
	}
}

func TestRevealLarge(t *testing.T) {
	var b strings.Builder
	pieces := []string{
		strings.Join(ordinaryTexts, "\n"),
		"P a y P a l ", "Pаypal ", "Micro\u200bsoft ", "C キシ o 航 n 上戸 g r a t ",
		strings.Repeat("a ", 300), strings.Repeat("a.", 300), strings.Repeat("C キシ ", 300),
		strings.Repeat("\u200b", 300), strings.Repeat("Мa", 300), "\xff\xfe",
	}
	for i := 0; b.Len() < 1<<20; i++ {
		b.WriteString(pieces[i%len(pieces)])
	}
	out, tricks := Reveal(b.String())
	if tricks == 0 || len(out) == 0 {
		t.Errorf("Reveal on 1 MB: %v, %d bytes", tricks.Names(), len(out))
	}
	if countInvalid(out) != countInvalid(b.String()) {
		t.Error("Reveal changed the invalid UTF-8")
	}
}

func countInvalid(s string) int {
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			n++
		}
		i += size
	}
	return n
}

func BenchmarkReveal(b *testing.B) {
	ordinary := strings.Join(ordinaryTexts, "\n")
	for len(ordinary) < 10<<10 {
		ordinary += "\n" + ordinary
	}
	ordinary = strings.ToValidUTF8(ordinary[:10<<10], "")
	disguised := strings.Repeat("Dear customer, your P a y P a l account was Micro\u200bsoft МеtaМask locked. "+
		"C キシ o 航 n 上戸 g r a t u l a t i o n s お客様のアカウント。\n", 10<<10/150)
	for _, c := range []struct{ name, text string }{{"ordinary10KB", ordinary}, {"disguised10KB", disguised}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				Reveal(c.text)
			}
		})
	}
}

// FuzzReveal: Reveal never panics, keeps valid text valid, never grows
// the text, and reports no trick when it changed nothing.
func FuzzReveal(f *testing.F) {
	for _, s := range ordinaryTexts {
		f.Add(s)
	}
	f.Add("C キシ o 航 n 上戸 g r a t u l a t i o n s")
	f.Add("МеtaМask Micro\u200bsoft P a y P a l v.e.r.i.f.y")
	f.Fuzz(func(t *testing.T, s string) {
		out, tricks := Reveal(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("Reveal(%q) = %q, not valid UTF-8", s, out)
		}
		if len(out) > len(s) {
			t.Fatalf("Reveal(%q) = %q grew", s, out)
		}
		if tricks == 0 && out != s {
			t.Fatalf("Reveal(%q) = %q with no trick", s, out)
		}
	})
}
