package check

import (
	"strings"
	"testing"

	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/kb"
	"github.com/mekiki/mekiki/mail"
)

// nameMail is a mail from an outside domain with the given display name
// and subject (raw header values: MIME encoded words or UTF-8).
func nameMail(t *testing.T, name, subject, body string) *mail.Message {
	t.Helper()
	raw := "Received: from out.sender.example (out.sender.example [192.0.2.10]) by mx.example-corp.co.jp with ESMTP; Tue, 24 Nov 2026 09:00:00 +0900\n" +
		"From: \"" + name + "\" <notice@mail-center.example.top>\nTo: user@example-corp.co.jp\nSubject: " + subject +
		"\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n" + body + "\n"
	m, err := mail.ParseBytes([]byte(raw), mail.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func claimOf(in *Input, brand string) *Claim {
	for i := range in.Claims {
		if in.Claims[i].Brand.ID == brand {
			return &in.Claims[i]
		}
	}
	return nil
}

// TestConfusableNameClaims: a display name or subject naming a brand in
// look-alike letters claims the brand, and content.disguised_text names
// the disguise and what it reads as.
func TestConfusableNameClaims(t *testing.T) {
	for _, c := range []struct {
		name, subject, brand, where, reads string
	}{
		{"lCIoud Support", "Your storage is full", "apple", "display_name", "「lCIoud Support」→「ICloud Support」"},
		{"Service Desk", "Apple lD locked", "apple", "subject", "「Apple lD locked」→「Apple ID locked」"},
		{"PayPaI", "Account limited", "paypal", "display_name", "「PayPaI」→「PayPal」"},
		{"rnicrosoft 365", "Password expiry", "microsoft", "display_name", "「rnicrosoft 365」→「microsoft 365」"},
		{"Support", "【PayPaI】お支払いの確認", "paypal", "subject_tag", "「【PayPaI】お支払いの確認」→「【PayPal】お支払いの確認」"},
	} {
		in := Prepare(nameMail(t, c.name, c.subject, "Please sign in to keep your account."), kb.Default(), Options{})
		cl := claimOf(in, c.brand)
		if cl == nil || cl.Where != c.where {
			t.Errorf("%q / %q: claims %+v; want %s in the %s", c.name, c.subject, in.Claims, c.brand, c.where)
		}
		f, ok := disguisedText(in, in.contentText())
		if !ok {
			t.Errorf("%q / %q: no content.disguised_text", c.name, c.subject)
			continue
		}
		tricks, _ := f.Evidence["tricks"].([]string)
		if f.ID != finding.ContentDisguisedText || f.Severity != Medium || len(tricks) != 1 || tricks[0] != "confusable" {
			t.Errorf("%q / %q: %s@%s tricks %v; want content.disguised_text@medium, confusable", c.name, c.subject, f.ID, f.Severity, tricks)
		}
		if got, _ := f.Evidence["revealed"].(string); got != c.reads {
			t.Errorf("%q / %q: revealed %q, want %q", c.name, c.subject, got, c.reads)
		}
	}
}

// TestConfusableNamesQuiet: brands spelt right, English with I, l, 1, 0
// and rn, and ordinary names claim nothing through look-alikes.
func TestConfusableNamesQuiet(t *testing.T) {
	for _, c := range []struct{ name, subject string }{
		{"PayPal", "Your receipt from PayPal"},
		{"iCloud", "Your iCloud storage"},
		{"Apple", "Your Apple ID was used to sign in"},
		{"Bill Illingworth", "Ill be at the Illinois office on the 1st"},
		{"Lill Olsson", "Room 101, floor 10, turn left at the corner"},
		{"Modern Learning", "Learn to burn CDs in 2010"},
		{"Acorn Nursery", "An acorn and 0 oaks"},
		{"IT Help Desk", "Il nuovo sistema di posta"},
	} {
		in := Prepare(nameMail(t, c.name, c.subject, "Hello, see you soon."), kb.Default(), Options{})
		ds, _, _ := confusableDisguises(in)
		for _, d := range ds {
			t.Errorf("%q / %q: disguise %v in the %s", c.name, c.subject, d.tricks.Names(), d.where)
		}
		for _, cl := range in.Claims {
			if cl.Name != "" && !strings.Contains(strings.ToLower(c.name+" "+c.subject), cl.Name) {
				t.Errorf("%q / %q: claims %s as %q, a name it does not spell", c.name, c.subject, cl.Brand.ID, cl.Name)
			}
		}
	}
}

// TestSpacedBankName: 「り そ な 銀 行」 as display name reads りそな銀行,
// claims the bank, and is undone (spaced, which alone is no evidence).
func TestSpacedBankName(t *testing.T) {
	for _, c := range []struct{ name, brand, shown string }{
		{"り そ な 銀 行", "resona", "りそな銀行"},
		{"ア　マ　ゾ　ン", "amazon", "アマゾン"},
		{"三 井 住 友 カ ー ド", "smbc_card", "三井住友カード"},
	} {
		in := Prepare(nameMail(t, c.name, "ご本人様確認のお願い", "ログインしてください。"), kb.Default(), Options{})
		if in.Shown.Name != c.shown {
			t.Errorf("%q: shown as %q, want %q", c.name, in.Shown.Name, c.shown)
		}
		if len(in.Shown.Disguises) != 1 || in.Shown.Disguises[0].where != "display_name" || in.Shown.Disguises[0].tricks.Names()[0] != "spaced" {
			t.Errorf("%q: disguises %+v, want spaced in the display name", c.name, in.Shown.Disguises)
		}
		if cl := claimOf(in, c.brand); cl == nil || cl.Where != "display_name" {
			t.Errorf("%q: claims %+v; want %s in the display name", c.name, in.Claims, c.brand)
		}
	}
	// Japanese with spaces between words is shown as written.
	in := Prepare(nameMail(t, "山田 太郎 様", "お 知 ら", "本日 は 晴れ です"), kb.Default(), Options{})
	if len(in.Shown.Disguises) != 0 {
		t.Errorf("ordinary Japanese: disguises %+v", in.Shown.Disguises)
	}
}
