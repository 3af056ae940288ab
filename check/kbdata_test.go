package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mekiki/mekiki/kb"
	"github.com/mekiki/mekiki/mail"
)

// message builds a minimal received message for the data tests.
func message(t *testing.T, from, subject, extra string) *mail.Message {
	t.Helper()
	fromDomain := from[strings.LastIndex(from, "@")+1:]
	fromDomain = strings.TrimRight(fromDomain, ">")
	raw := "Authentication-Results: mx.example-corp.co.jp; " + authLine(extra) + "\n" +
		"Received: from out.sender.example (out.sender.example [192.0.2.10]) by mx.example-corp.co.jp with ESMTP; Tue, 24 Nov 2026 09:00:00 +0900\n" +
		"From: " + from + "\nTo: user@example-corp.co.jp\nSubject: " + subject + "\n" + stripAuth(extra) +
		"Date: Tue, 24 Nov 2026 09:00:00 +0900\nMessage-ID: <m1@" + fromDomain + ">\nContent-Type: text/plain; charset=UTF-8\n\nbody\n"
	m, err := mail.ParseBytes([]byte(raw), mail.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// extra may carry an "AUTH:" line with the receiver's results.
func authLine(extra string) string {
	for _, l := range strings.Split(extra, "\n") {
		if strings.HasPrefix(l, "AUTH:") {
			return strings.TrimPrefix(l, "AUTH:")
		}
	}
	return "spf=none; dkim=none"
}

func stripAuth(extra string) string {
	var out []string
	for _, l := range strings.Split(extra, "\n") {
		if l != "" && !strings.HasPrefix(l, "AUTH:") {
			out = append(out, l+"\n")
		}
	}
	return strings.Join(out, "")
}

func run(m *mail.Message) map[string]string {
	got := map[string]string{}
	for _, f := range Run(Prepare(m, kb.Default(), Options{})) {
		got[string(f.ID)] = f.Severity
	}
	return got
}

// TestEveryBrand: each brand's name in a display name fires
// sender.brand_mismatch from a foreign domain, and stays quiet on the
// brand's own authenticated mail from each of its domains.
func TestEveryBrand(t *testing.T) {
	k := kb.Default()
	for _, b := range k.Brands {
		name := b.NameJA
		if len(b.Names) > 0 {
			name = b.Names[0]
		} else if len(b.NamesCS) > 0 {
			name = b.NamesCS[0]
		}
		phish := message(t, fmt.Sprintf("%q <info@notice-center.example.top>", name), "お知らせ", "")
		if got := run(phish); got["sender.brand_mismatch"] != High {
			t.Errorf("brand %s (%q): brand_mismatch = %q, want high", b.ID, name, got["sender.brand_mismatch"])
		}
		if b.Role {
			// A role is the recipient's own organisation's to claim.
			own := message(t, fmt.Sprintf("%q <it@example-corp.co.jp>", name), "お知らせ", "")
			if got := run(own); got["sender.brand_mismatch"] != "" {
				t.Errorf("role %s: brand_mismatch fired on the recipient's own %q", b.ID, name)
			}
		}
		for _, d := range b.Domains {
			legit := message(t, fmt.Sprintf("%q <info@mail.%s>", name, d), "お知らせ",
				fmt.Sprintf("AUTH:spf=pass smtp.mailfrom=mail.%s; dkim=pass header.d=%s; dmarc=pass header.from=mail.%s", d, d, d))
			got := run(legit)
			for _, id := range []string{"sender.brand_mismatch", "sender.freemail_brand", "sender.header_mismatch", "auth.missing", "auth.dmarc_fail"} {
				if _, ok := got[id]; ok {
					t.Errorf("brand %s: %s fired on its own mail from %s", b.ID, id, d)
				}
			}
		}
	}
}

func TestEveryFreemailDomain(t *testing.T) {
	for _, d := range []string{"gmail.com", "yahoo.co.jp", "outlook.jp", "docomo.ne.jp", "ezweb.ne.jp", "i.softbank.jp", "icloud.com", "qq.com"} {
		got := run(message(t, "\"Amazon.co.jp\" <amazon.support1@"+d+">", "ご注文の確認", ""))
		if got["sender.freemail_brand"] != High {
			t.Errorf("%s: freemail_brand = %q, want high", d, got["sender.freemail_brand"])
		}
		if _, ok := run(message(t, "\"山田 太郎\" <taro.yamada@"+d+">", "週末の件", ""))["sender.freemail_brand"]; ok {
			t.Errorf("%s: freemail_brand fired on a person's mail", d)
		}
	}
	// A provider's own subscriber address is not a claim of the provider.
	if _, ok := run(message(t, "softbank@softbank.ne.jp", "テスト", ""))["sender.freemail_brand"]; ok {
		t.Error("softbank@softbank.ne.jp is a subscriber, not a SoftBank claim")
	}
}

func TestESPReturnPath(t *testing.T) {
	for _, esp := range []string{"bounces.amazonses.com", "em1.sendgrid.net", "mail1.mcsv.net", "bnc.mpse.jp", "x.cuenote.jp"} {
		aligned := message(t, "\"お店\" <news@shop.example.jp>", "セール", "Return-Path: <b@"+esp+">\nAUTH:spf=pass smtp.mailfrom="+esp+"; dkim=pass header.d=shop.example.jp")
		if sev := run(aligned)["sender.header_mismatch"]; sev != Low {
			t.Errorf("ESP %s with aligned DKIM: header_mismatch = %q, want low", esp, sev)
		}
	}
	foreign := message(t, "\"お店\" <news@shop.example.jp>", "セール", "Return-Path: <b@bulk.unknown-sender.example>")
	if sev := run(foreign)["sender.header_mismatch"]; sev != Medium {
		t.Errorf("foreign Return-Path without DKIM: header_mismatch = %q, want medium", sev)
	}
}

func TestEverySubjectTag(t *testing.T) {
	k := kb.Default()
	for _, tag := range k.SubjectTags {
		if _, ok := run(message(t, "a@sender.example", tag+" hello", ""))["spam.upstream_tag"]; !ok {
			t.Errorf("subject tag %q did not fire", tag)
		}
	}
	if _, ok := run(message(t, "a@sender.example", "Re: spam filters discussion", ""))["spam.upstream_tag"]; ok {
		t.Error("the word spam in a subject is not a tag")
	}
	if _, ok := run(message(t, "a@sender.example", "hello", "X-Spam-Status: No, score=1.2 required=5.0"))["spam.upstream_tag"]; ok {
		t.Error("X-Spam-Status: No must stay quiet")
	}
	if _, ok := run(message(t, "a@sender.example", "hello", "X-Spam-Flag: YES"))["spam.upstream_tag"]; !ok {
		t.Error("X-Spam-Flag: YES must fire")
	}
}

func TestOriginSkipsInternalHops(t *testing.T) {
	raw := "Received: from relay2.corp.example (relay2.corp.example [203.0.113.200]) by mx.corp.example; Tue, 24 Nov 2026 09:00:02 +0900\n" +
		"Received: from gw.corp.example (gw.corp.example [10.1.1.1]) by relay2.corp.example; Tue, 24 Nov 2026 09:00:01 +0900\n" +
		"Received: from sender.example (sender.example [192.0.2.55]) by gw.corp.example; Tue, 24 Nov 2026 09:00:00 +0900\n" +
		"From: a@sender.example\nSubject: x\n\nbody\n"
	m, _ := mail.ParseBytes([]byte(raw), mail.Limits{})
	if o := originHop(m.Received, nil); o == nil || o.IP.String() != "192.0.2.55" {
		t.Errorf("origin = %+v, want 192.0.2.55 (relay2 shares the receiver's domain)", o)
	}
	if o := originHop(m.Received, []string{"192.0.2.0/24"}); o != nil {
		t.Errorf("with the sender's range trusted, origin = %+v, want none", o)
	}
}

func TestSubjectTag(t *testing.T) {
	cases := map[string]string{
		"【三井住友カード】ご利用確認":              "三井住友カード",
		"[Dev-users] Re: 【えきねっと】退会処理": "えきねっと",
		"Fwd: [SPAM] 【 イオンカード 】決済完了":  " イオンカード ",
		"ご利用確認【三井住友カード】":              "",
		"【冬のセール】土鍋":                   "冬のセール",
		"【unterminated":               "",
	}
	for in, want := range cases {
		if got := subjectTag(in); got != want {
			t.Errorf("subjectTag(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClaimSources(t *testing.T) {
	// a brand's tag at the head of the subject is a strong claim
	got := run(message(t, "自動メール送信 <no-reply@notice.example.top>", "【三井住友 カード】 お支払い予定金額のご案内", ""))
	if got["sender.brand_mismatch"] != High {
		t.Errorf("subject tag claim: brand_mismatch = %q, want high", got["sender.brand_mismatch"])
	}
	// the brand named later in the subject is a weaker claim
	got = run(message(t, "ニュース <news@media.example.jp>", "三井住友カードの新サービスについて", ""))
	if got["sender.brand_mismatch"] != Medium {
		t.Errorf("subject mention: brand_mismatch = %q, want medium", got["sender.brand_mismatch"])
	}
	// a brand's domain written as the display name
	got = run(message(t, "jr-odekake.net <jr-odekake.net@mail.example.cn>", "アカウント情報をご確認ください", ""))
	if got["sender.brand_mismatch"] != High {
		t.Errorf("domain as display name: brand_mismatch = %q, want high", got["sender.brand_mismatch"])
	}
	// and from the brand's own domain it is no mismatch
	got = run(message(t, "eki-net.com <info@eki-net.com>", "お知らせ", "AUTH:spf=pass smtp.mailfrom=eki-net.com; dkim=pass header.d=eki-net.com"))
	if _, ok := got["sender.brand_mismatch"]; ok {
		t.Error("brand domain as display name from the brand's domain must stay quiet")
	}
}

func TestOwnDomainSpoofRecipient(t *testing.T) {
	hop := "Received: from bulk.vps.example.net (bulk.vps.example.net [198.51.100.7]) by mx1.corp.example.co.jp%s; Tue, 24 Nov 2026 09:00:00 +0900\n"
	cases := []struct {
		name, header string
		fires        bool
	}{
		{"Delivered-To", fmt.Sprintf(hop, "") + "Delivered-To: taro@corp.example.co.jp\nTo: taro@corp.example.co.jp\n", true},
		{"for clause", fmt.Sprintf(hop, " with ESMTP id 1 for <taro@corp.example.co.jp>") + "To: undisclosed-recipients:;\n", true},
		{"To at the receiving organisation", fmt.Sprintf(hop, "") + "To: taro@corp.example.co.jp\n", true},
		{"newsletter to its own list, received elsewhere",
			"Received: from out.corp.example.co.jp (out.corp.example.co.jp [198.51.100.8]) by mx.reader-isp.example.ne.jp; Tue, 24 Nov 2026 09:00:00 +0900\n" +
				"To: \"News\" <news@corp.example.co.jp>\n", false},
		{"bounce", fmt.Sprintf(hop, "") + "Delivered-To: taro@corp.example.co.jp\nReturn-Path: <>\n", false},
	}
	for _, c := range cases {
		from := "admin@corp.example.co.jp"
		if c.name == "bounce" {
			from = "MAILER-DAEMON@corp.example.co.jp"
		}
		raw := c.header + "From: " + from + "\nSubject: メールボックスの容量\n\nbody\n"
		m, err := mail.ParseBytes([]byte(raw), mail.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		_, fired := run(m)["sender.own_domain_spoof"]
		if fired != c.fires {
			t.Errorf("%s: own_domain_spoof fired = %v, want %v", c.name, fired, c.fires)
		}
	}
}
