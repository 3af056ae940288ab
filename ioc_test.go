package mekiki_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/mekiki/mekiki"
)

func iocsOf(t *testing.T, opts mekiki.Options, raw string) (string, mekiki.IOCs) {
	t.Helper()
	a, err := mekiki.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.Analyze(context.Background(), strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return rep.Verdict, rep.IOCs
}

// TestIOCsLeaveOutOwnOrganisation: an own-domain spoof's indicators are
// the attacker's, never the company's own domain or its addresses.
func TestIOCsLeaveOutOwnOrganisation(t *testing.T) {
	for _, f := range []string{"testdata/phish-own-domain-spoof.eml", "testdata/phish-o365-own-domain-spoof.eml"} {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		verdict, io := iocsOf(t, mekiki.Options{}, string(raw))
		if verdict == "clean" {
			t.Fatalf("%s: clean", f)
		}
		if slices.Contains(io.Domains, "example-corp.co.jp") {
			t.Errorf("%s: the recipient's own domain is an IOC: %v", f, io.Domains)
		}
		for _, e := range io.Emails {
			if strings.HasSuffix(e, "@example-corp.co.jp") {
				t.Errorf("%s: the recipient's own address %s is an IOC", f, e)
			}
		}
		if !slices.Contains(io.Domains, "example.net") || len(io.URLs) == 0 {
			t.Errorf("%s: the phishing host is gone: %v %v", f, io.Domains, io.URLs)
		}
	}
}

// TestIOCsLeaveOutTrustedBrandAndFreemail: the domains of --trusted-hosts,
// the brands' own domains and free-mail providers are never indicators.
func TestIOCsLeaveOutTrustedBrandAndFreemail(t *testing.T) {
	mail := "Delivered-To: hanako@corp-mail.co.jp\r\n" +
		"Received: from relay.gw.partner-relay.jp (relay.gw.partner-relay.jp [192.0.2.10]) by mx.corp-mail.co.jp; Mon, 23 Nov 2026 10:00:02 +0900\r\n" +
		"Received: from bad.example-verify.top (bad.example-verify.top [203.0.113.9]) by relay.gw.partner-relay.jp; Mon, 23 Nov 2026 10:00:01 +0900\r\n" +
		"From: \"Amazon.co.jp\" <info@amaz0n-support.example-verify.top>\r\nTo: hanako@corp-mail.co.jp\r\n" +
		"Reply-To: amazon.help@gmail.com\r\nReturn-Path: <bounce@gw.partner-relay.jp>\r\n" +
		"Subject: 【Amazon】アカウントの確認が必要です\r\nDate: Mon, 23 Nov 2026 10:00:00 +0900\r\n" +
		"Message-ID: <c1@example-verify.top>\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" +
		"<p>お客様のアカウントで不審なログインが検出されました。24時間以内に本人確認を行ってください。確認が完了しない場合、アカウントは停止されます。</p>" +
		"<p><a href=\"http://amaz0n-co-jp.example-verify.top/signin\">今すぐ確認</a> <a href=\"https://www.amazon.co.jp/help\">ヘルプ</a> " +
		"<a href=\"https://hanako.corp-mail.co.jp/\">社内</a></p>\r\n"
	verdict, io := iocsOf(t, mekiki.Options{TrustedHosts: []string{".gw.partner-relay.jp", "192.0.2.0/24"}}, mail)
	if verdict == "clean" {
		t.Fatal("clean")
	}
	for _, d := range []string{"corp-mail.co.jp", "partner-relay.jp", "amazon.co.jp", "gmail.com"} {
		if slices.Contains(io.Domains, d) {
			t.Errorf("%s is an IOC: %v", d, io.Domains)
		}
	}
	for _, e := range io.Emails {
		if strings.HasSuffix(e, "@partner-relay.jp") || strings.HasSuffix(e, "@corp-mail.co.jp") {
			t.Errorf("own address %s is an IOC", e)
		}
	}
	for _, u := range io.URLs {
		if strings.Contains(u, "corp-mail.co.jp") || strings.Contains(u, "amazon.co.jp") {
			t.Errorf("URL %s is an IOC", u)
		}
	}
	if !slices.Contains(io.Domains, "example-verify.top") {
		t.Errorf("the phishing domain is gone: %v", io.Domains)
	}
	if !slices.Contains(io.Emails, "amazon.help@gmail.com") {
		t.Errorf("the free-mail reply address is an indicator, its provider not: %v", io.Emails)
	}
}
