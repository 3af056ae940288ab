package mail

import (
	"net/netip"
	"testing"
)

// TestParseReceivedFormats reads one Received line of each common MTA, in
// the shapes their own documentation and public mail archives show, with
// made-up names and documentation addresses.
func TestParseReceivedFormats(t *testing.T) {
	cases := []struct {
		mta, line                string
		ip, helo, rdns, by, with string
		forAddr                  string
	}{
		{mta: "postfix",
			line: "from mail.example.org (mail.example.org [192.0.2.10]) by mx.example.co.jp (Postfix) with ESMTP id 4AB12 for <hanako@example.co.jp>; Sun, 15 Nov 2026 02:00:02 +0900 (JST)",
			ip:   "192.0.2.10", helo: "mail.example.org", rdns: "mail.example.org", by: "mx.example.co.jp", with: "ESMTP", forAddr: "hanako@example.co.jp"},
		{mta: "postfix unknown rdns with TLS comments",
			line: "from x (unknown [192.0.2.118]) (using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)) (No client certificate requested) by mx.example.co.jp (Postfix) with ESMTPS id 3F2A1; Mon, 16 Nov 2026 10:00:00 +0900",
			ip:   "192.0.2.118", helo: "x", by: "mx.example.co.jp", with: "ESMTPS"},
		{mta: "postfix TLSv1.3 and authenticated sender",
			line: "from [192.168.1.20] (p1234-ipoe.example.ne.jp [198.51.100.44]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256) (No client certificate requested) (Authenticated sender: taro@example.co.jp) by smtp.example.co.jp (Postfix) with ESMTPSA id 77B1C; Tue, 17 Nov 2026 09:12:00 +0900",
			ip:   "198.51.100.44", rdns: "p1234-ipoe.example.ne.jp", by: "smtp.example.co.jp", with: "ESMTPSA"},
		{mta: "sendmail may be forged",
			line: "from relay.example.net (host7.example.net [203.0.113.7] (may be forged)) by mail.example.com (8.15.2/8.15.2) with ESMTP id 0AB1C2D3 for <user@example.com>; Wed, 18 Nov 2026 01:02:03 GMT",
			ip:   "203.0.113.7", helo: "relay.example.net", rdns: "host7.example.net", by: "mail.example.com", with: "ESMTP", forAddr: "user@example.com"},
		{mta: "sendmail authenticated, TLS after by",
			line: "from client.example.net (client.example.net [203.0.113.8]) (authenticated bits=0) by mail.example.com (8.15.2/8.15.2) with ESMTP id 0AB1C2D4 (version=TLSv1.2 cipher=ECDHE-RSA-AES128-GCM-SHA256 bits=128 verify=NO); Wed, 18 Nov 2026 01:02:03 GMT",
			ip:   "203.0.113.8", helo: "client.example.net", rdns: "client.example.net", by: "mail.example.com", with: "ESMTP"},
		{mta: "exim with rdns",
			line: "from host.example.net ([203.0.113.9]:51234 helo=mail.example.net) by mx.example.org with esmtps (TLS1.2) tls TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (Exim 4.94.2) (envelope-from <bounce@example.net>) id 1kXyZ-0001Ab-2C for user@example.org; Thu, 19 Nov 2026 03:04:05 +0000",
			ip:   "203.0.113.9", helo: "mail.example.net", rdns: "host.example.net", by: "mx.example.org", with: "esmtps", forAddr: "user@example.org"},
		{mta: "exim without rdns",
			line: "from [203.0.113.10] (port=40112 helo=[10.0.0.3]) by mx.example.org with esmtpa (Exim 4.96) (envelope-from <a@example.org>) id 1kXyZ-0001Ab-2D; Thu, 19 Nov 2026 03:04:05 +0000",
			ip:   "203.0.113.10", helo: "10.0.0.3", by: "mx.example.org", with: "esmtpa"},
		{mta: "qmail unknown",
			line: "from unknown (HELO mail.example.biz) (198.51.100.23) by mx.example.jp with SMTP; 20 Nov 2026 04:05:06 -0000",
			ip:   "198.51.100.23", helo: "mail.example.biz", by: "mx.example.jp", with: "SMTP"},
		{mta: "qmail with rdns",
			line: "from ns.example.biz (HELO mail.example.biz) (198.51.100.24) by mx.example.jp with ESMTP; 20 Nov 2026 04:05:06 -0000",
			ip:   "198.51.100.24", helo: "mail.example.biz", rdns: "ns.example.biz", by: "mx.example.jp", with: "ESMTP"},
		{mta: "qmail invoked by uid",
			line: "(qmail 12345 invoked by uid 89); 20 Nov 2026 04:05:06 -0000"},
		{mta: "qmail invoked from network",
			line: "(qmail 12346 invoked from network); 20 Nov 2026 04:05:06 -0000"},
		{mta: "exchange online edge",
			line: "from mail.example.net (203.0.113.5) by TY1PEPF0000ABCD.mail.protection.outlook.com (10.167.242.71) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8922.22 via Frontend Transport; Sat, 12 Jul 2025 02:18:20 +0000",
			ip:   "203.0.113.5", helo: "mail.example.net", by: "ty1pepf0000abcd.mail.protection.outlook.com", with: "Microsoft"},
		{mta: "exchange online internal IPv6",
			line: "from TYCPR01CA0189.jpnprd01.prod.outlook.com (2603:1096:405:4b6::7) by OS3PR01MB6712.jpnprd01.prod.outlook.com (2603:1096:604:166::20) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8901.27; Sat, 12 Jul 2025 02:18:20 +0000",
			ip:   "2603:1096:405:4b6::7", helo: "tycpr01ca0189.jpnprd01.prod.outlook.com", by: "os3pr01mb6712.jpnprd01.prod.outlook.com", with: "Microsoft"},
		{mta: "exchange online mailbox over HTTPS",
			line: "from OS3PR01MB6712.jpnprd01.prod.outlook.com (::1) by OS0PR01MB5311.jpnprd01.prod.outlook.com with HTTPS; Sat, 12 Jul 2025 02:18:22 +0000",
			ip:   "::1", helo: "os3pr01mb6712.jpnprd01.prod.outlook.com", by: "os0pr01mb5311.jpnprd01.prod.outlook.com", with: "HTTPS"},
		{mta: "exchange on premises",
			line: "from EXCH01.corp.example.co.jp (10.1.2.3) by EXCH02.corp.example.co.jp (10.1.2.4) with Microsoft SMTP Server (TLS) id 15.1.2507.39; Mon, 23 Nov 2026 11:00:00 +0900",
			ip:   "10.1.2.3", helo: "exch01.corp.example.co.jp", by: "exch02.corp.example.co.jp", with: "Microsoft"},
		{mta: "gmail mx",
			line: "from mail.example.org (mail.example.org. [192.0.2.33]) by mx.google.com with ESMTPS id n4-20020a170902e54400b001b9e9ef7e1fsi350735plf.346.2026.11.24.14.42.37 for <user@example.com> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Tue, 24 Nov 2026 14:42:46 -0800 (PST)",
			ip:   "192.0.2.33", helo: "mail.example.org", rdns: "mail.example.org", by: "mx.google.com", with: "ESMTPS", forAddr: "user@example.com"},
		{mta: "gmail mx with IPv6 literal",
			line: "from mail.example.org (mail.example.org. [2001:db8::25]) by mx.google.com with ESMTPS id a1si2; Tue, 24 Nov 2026 14:42:46 -0800 (PST)",
			ip:   "2001:db8::25", helo: "mail.example.org", rdns: "mail.example.org", by: "mx.google.com", with: "ESMTPS"},
		{mta: "gmail internal hop",
			line: "by 2002:a05:7412:d592:b0:d2:e702:d9f1 with SMTP id db18csp106385rdb; Tue, 24 Nov 2026 14:42:47 -0800 (PST)",
			by:   "2002:a05:7412:d592:b0:d2:e702:d9f1", with: "SMTP"},
		{mta: "gmail submission from a private literal",
			line: "from [192.168.1.5] (p1234.example.ne.jp. [198.51.100.164]) by smtp.gmail.com with ESMTPSA id wi8sm14641048pbc.11 (version=TLSv1/SSLv3 cipher=OTHER); Sun, 10 Jun 2012 04:45:23 -0700 (PDT)",
			ip:   "198.51.100.164", rdns: "p1234.example.ne.jp", by: "smtp.gmail.com", with: "ESMTPSA"},
		{mta: "ipv6 tagged literal",
			line: "from mail.example.net (mail.example.net [IPv6:2001:db8::1]) by mx.example.co.jp (Postfix) with ESMTPS id 1A2B; Mon, 23 Nov 2026 11:00:00 +0900",
			ip:   "2001:db8::1", helo: "mail.example.net", rdns: "mail.example.net", by: "mx.example.co.jp", with: "ESMTPS"},
		{mta: "local delivery, no from",
			line: "by mbox.example.co.jp (Postfix, from userid 1000) id 5C6D; Mon, 23 Nov 2026 11:00:00 +0900",
			by:   "mbox.example.co.jp"},
	}
	for _, c := range cases {
		t.Run(c.mta, func(t *testing.T) {
			h := parseReceived(c.line)
			ip := ""
			if h.IP.IsValid() {
				ip = h.IP.String()
			}
			got := [6]string{ip, h.Helo, h.RDNS, h.By, h.With, h.For}
			want := [6]string{c.ip, c.helo, c.rdns, c.by, c.with, c.forAddr}
			if got != want {
				t.Errorf("parseReceived(%q)\n got ip/helo/rdns/by/with/for %q\nwant %q", c.line, got, want)
			}
		})
	}
}

func TestIsPrivate6to4(t *testing.T) {
	for s, want := range map[string]bool{
		"2002:a05:7412:d592:b0:d2:e702:d9f1": true,  // 10.5.116.18
		"2002:c000:0201::1":                  false, // 192.0.2.1, a public-form address
		"2603:1096:405:4b6::7":               false,
		"::1":                                true,
	} {
		if got := IsPrivate(netip.MustParseAddr(s)); got != want {
			t.Errorf("IsPrivate(%s) = %v, want %v", s, got, want)
		}
	}
}

func TestMicrosoftAuthResults(t *testing.T) {
	v := "spf=fail (sender IP is 198.51.100.7) smtp.mailfrom=example-corp.co.jp; dkim=none (message not signed) header.d=none;dmarc=fail action=oreject header.from=example-corp.co.jp;compauth=fail reason=001"
	got := map[string]AuthResult{}
	for _, r := range parseAuthResults(v, 3) {
		got[r.Method] = r
	}
	if r := got["dmarc"]; r.Result != "fail" || r.Action != "oreject" || r.Domain != "example-corp.co.jp" || r.ServID != "" {
		t.Errorf("dmarc = %+v", r)
	}
	if r := got["compauth"]; r.Result != "fail" || r.Reason != "001" {
		t.Errorf("compauth = %+v", r)
	}
	if r := got["dkim"]; r.Result != "none" || r.Domain != "" {
		t.Errorf("dkim = %+v, want none without the domain \"none\"", r)
	}
}

func TestParseARCAuthResults(t *testing.T) {
	n, rs := ParseARCAuthResults("i=2; mx.google.com; dkim=pass header.i=@example.net; dmarc=pass (p=NONE) header.from=example.net", 4)
	if n != 2 || len(rs) != 2 || rs[0].ServID != "mx.google.com" || rs[1].Method != "dmarc" || rs[1].Index != 4 {
		t.Errorf("got %d %+v", n, rs)
	}
	if n, rs := ParseARCAuthResults("mx.google.com; dkim=pass", 0); n != 0 || rs != nil {
		t.Errorf("no instance tag: got %d %+v", n, rs)
	}
}

func TestParseReceivedSPF(t *testing.T) {
	cases := []struct{ v, result, domain, servID string }{
		{"Fail (protection.outlook.com: domain of example-corp.co.jp does not designate 198.51.100.7 as permitted sender) receiver=protection.outlook.com; client-ip=198.51.100.7; helo=bulk.example.net;",
			"fail", "example-corp.co.jp", "protection.outlook.com"},
		{"SoftFail (protection.outlook.com: domain of transitioning example.net discourages use of 192.0.2.9 as permitted sender)",
			"softfail", "example.net", "protection.outlook.com"},
		{"pass (google.com: domain of info@example.org designates 192.0.2.33 as permitted sender) client-ip=192.0.2.33;",
			"pass", "example.org", "google.com"},
		{"None (protection.outlook.com: example.biz does not designate permitted sender hosts)", "none", "", "protection.outlook.com"},
		{"pass (mx.example.co.jp: 192.0.2.1 is authorized) envelope-from=\"a@example.net\"; receiver=mx.example.co.jp;", "pass", "example.net", "mx.example.co.jp"},
	}
	for _, c := range cases {
		r, ok := ParseReceivedSPF(c.v, 0)
		if !ok || r.Method != "spf" || r.Result != c.result || r.Domain != c.domain || r.ServID != c.servID {
			t.Errorf("ParseReceivedSPF(%q) = %+v, %v", c.v, r, ok)
		}
	}
	if _, ok := ParseReceivedSPF("maybe (x) y", 0); ok {
		t.Error("an unknown result must not parse")
	}
}

func TestForefrontReport(t *testing.T) {
	f := ForefrontReport("CIP:2001:db8::7;CTRY:JP;LANG:ja;SCL:9;SRV:;IPV:NLI;SFV:SPM;H:mail.example.net;PTR:InfoDomainNonexistent;CAT:PHSH;SFS:(13230040);DIR:INB;")
	if f["CIP"] != "2001:db8::7" || f["SFV"] != "SPM" || f["CAT"] != "PHSH" || f["SCL"] != "9" || f["SRV"] != "" {
		t.Errorf("got %v", f)
	}
}
