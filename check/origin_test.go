package check

import (
	"strings"
	"testing"

	"github.com/mekiki/mekiki/kb"
	"github.com/mekiki/mekiki/mail"
)

// The header sets below are modelled on real Exchange Online and Gmail
// deliveries, with made-up names and documentation addresses.

const exoTop = "Received: from OS3PR01MB8911.jpnprd01.prod.outlook.com (::1) by TYWPR01MB5311.jpnprd01.prod.outlook.com with HTTPS; Sun, 15 Nov 2026 17:00:05 +0000\n" +
	"Received: from TYCP286CA0189.JPNP286.PROD.OUTLOOK.COM (2603:1096:400:3c5::7) by OS3PR01MB8911.jpnprd01.prod.outlook.com (2603:1096:604:166::20) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8901.27; Sun, 15 Nov 2026 17:00:04 +0000\n" +
	"Received: from TY2PEPF0000AB83.apcprd03.prod.outlook.com (2603:1096:400:3c5:cafe::8b) by TYCP286CA0189.outlook.office365.com (2603:1096:400:3c5::7) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.8922.27 via Frontend Transport; Sun, 15 Nov 2026 17:00:03 +0000\n"

func prepared(t *testing.T, raw string) *Input {
	t.Helper()
	m, err := mail.ParseBytes([]byte(raw), mail.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return Prepare(m, kb.Default(), Options{})
}

func TestExchangeOnlineOriginAndResults(t *testing.T) {
	raw := exoTop +
		"Authentication-Results: spf=fail (sender IP is 198.51.100.7) smtp.mailfrom=example-corp.co.jp; dkim=none (message not signed) header.d=none;dmarc=fail action=oreject header.from=example-corp.co.jp;compauth=fail reason=000\n" +
		"Received-SPF: Fail (protection.outlook.com: domain of example-corp.co.jp does not designate 198.51.100.7 as permitted sender) receiver=protection.outlook.com; client-ip=198.51.100.7; helo=bulk.example.net;\n" +
		"Received: from bulk.example.net (198.51.100.7) by TY2PEPF0000AB83.mail.protection.outlook.com (10.167.242.71) with Microsoft SMTP Server id 15.20.8922.22 via Frontend Transport; Sun, 15 Nov 2026 17:00:02 +0000\n" +
		"Authentication-Results: spf=pass smtp.mailfrom=example-corp.co.jp; dmarc=pass header.from=example-corp.co.jp\n" +
		"From: admin@example-corp.co.jp\nTo: hanako@example-corp.co.jp\nSubject: x\n" +
		"X-MS-Exchange-Organization-MessageDirectionality: Incoming\nX-MS-Exchange-Organization-AuthAs: Anonymous\n" +
		"X-Forefront-Antispam-Report: CIP:198.51.100.7;CTRY:;LANG:ja;SCL:5;SRV:;IPV:NLI;SFV:SPM;H:bulk.example.net;CAT:SPOOF;DIR:INB;\n\nbody\n"
	in := prepared(t, raw)
	if in.Receiver == nil || in.Receiver.ID != "microsoft365" {
		t.Fatalf("receiver = %+v, want microsoft365", in.Receiver)
	}
	if in.Origin == nil || in.Origin.IP.String() != "198.51.100.7" {
		t.Fatalf("origin = %+v, want 198.51.100.7, the server that connected to Exchange Online", in.Origin)
	}
	if r, ok := in.authResult("dmarc"); !ok || r.Result != "fail" || r.Action != "oreject" {
		t.Errorf("dmarc = %+v, want Microsoft's fail/oreject (the sender's forged pass below must be ignored)", r)
	}
	if r, ok := in.authResult("compauth"); !ok || r.Result != "fail" || r.Reason != "000" {
		t.Errorf("compauth = %+v, want fail reason 000", r)
	}
	if in.AuthSource() != "microsoft365" {
		t.Errorf("auth source = %q", in.AuthSource())
	}
	f := in.Facts
	if f == nil || f.ConnectingIP.String() != "198.51.100.7" || f.Category != "SPOOF" || f.Verdict != "SPM" || f.Directionality != "Incoming" || f.AuthAs != "Anonymous" {
		t.Errorf("facts = %+v", f)
	}
	if f != nil && (f.SPF == nil || f.SPF.Result != "fail" || f.SPF.Domain != "example-corp.co.jp") {
		t.Errorf("Received-SPF = %+v", f.SPF)
	}
	if got := runIDs(in); !got["auth.dmarc_fail"] || !got["sender.own_domain_spoof"] || got["auth.missing"] {
		t.Errorf("findings = %v, want auth.dmarc_fail and sender.own_domain_spoof", got)
	}
}

func runIDs(in *Input) map[string]bool {
	out := map[string]bool{}
	for _, f := range Run(in) {
		out[string(f.ID)] = true
	}
	return out
}

// An outside server that calls itself *.prod.outlook.com, and another
// tenant's outbound server, are real origins; internal hops are skipped
// only when Microsoft's own server wrote them from Microsoft's addresses.
func TestExchangeOnlineOutsideNamesStayOrigins(t *testing.T) {
	for name, hop := range map[string]string{
		"forged HELO":     "Received: from AB1PR01MB0001.jpnprd01.prod.outlook.com (203.0.113.66) by TY2PEPF0000AB83.mail.protection.outlook.com (10.167.242.71) with Microsoft SMTP Server id 15.20.8922.22 via Frontend Transport; Sun, 15 Nov 2026 17:00:02 +0000\n",
		"other tenant":    "Received: from NAM12-MW2-obe.outbound.protection.outlook.com (2a01:111:f403:c10c::1) by TY2PEPF0000AB83.mail.protection.outlook.com (10.167.242.71) with Microsoft SMTP Server id 15.20.8922.22 via Frontend Transport; Sun, 15 Nov 2026 17:00:02 +0000\n",
		"not by platform": "Received: from relay.example.net (relay.example.net [2603:1096:400:1::5]) by mx.example.co.jp (Postfix) with ESMTP id 1; Sun, 15 Nov 2026 17:00:02 +0000\n",
	} {
		raw := hop + "From: a@example.net\nTo: b@example.co.jp\nSubject: x\n\nbody\n"
		if name != "not by platform" {
			raw = exoTop + raw
		}
		in := prepared(t, raw)
		want := strings.TrimSuffix(strings.Fields(hop[strings.Index(hop, "(")+1:])[0], ")")
		if name == "not by platform" {
			want = "2603:1096:400:1::5"
		}
		if in.Origin == nil || in.Origin.IP.String() != want {
			t.Errorf("%s: origin = %+v, want %s", name, in.Origin, want)
		}
	}
}

const gmailTop = "Received: by 2002:a05:7412:d592:b0:d2:e702:d9f1 with SMTP id db18csp106385rdb; Tue, 17 Nov 2026 14:42:47 -0800 (PST)\n"

const gmailHop = "Received: from mail.example.net (mail.example.net. [192.0.2.33]) by mx.google.com with ESMTPS id n4si350735plf.346 for <suzuki@example.co.jp> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Tue, 17 Nov 2026 14:42:46 -0800 (PST)\n" +
	"Received-SPF: softfail (google.com: domain of transitioning info@example.net does not designate 192.0.2.33 as permitted sender) client-ip=192.0.2.33;\n"

func TestGmailResultsBelowItsReceived(t *testing.T) {
	raw := gmailTop + gmailHop +
		"Authentication-Results: mx.google.com; spf=softfail (google.com: domain of transitioning info@example.net does not designate 192.0.2.33 as permitted sender) smtp.mailfrom=info@example.net; dmarc=fail (p=REJECT sp=REJECT dis=REJECT) header.from=example.net\n" +
		"From: info@example.net\nTo: suzuki@example.co.jp\nSubject: x\n\nbody\n"
	in := prepared(t, raw)
	if in.Receiver == nil || in.Receiver.ID != "google" || in.Origin == nil || in.Origin.IP.String() != "192.0.2.33" {
		t.Fatalf("receiver %+v origin %+v", in.Receiver, in.Origin)
	}
	if r, ok := in.authResult("dmarc"); !ok || r.Result != "fail" || r.ServID != "mx.google.com" {
		t.Errorf("dmarc = %+v, want mx.google.com's fail after its Received-SPF", r)
	}
}

func TestGmailARCStandsInForMissingResults(t *testing.T) {
	arc := func(i, id, res string) string {
		return "ARC-Authentication-Results: i=" + i + "; " + id + "; dkim=" + res + " header.i=@example.net; spf=" + res + " smtp.mailfrom=info@example.net; dmarc=" + res + " header.from=example.net\n"
	}
	raw := gmailTop + arc("2", "mx.google.com", "pass") + gmailHop + arc("1", "mx.google.com", "fail") +
		"From: info@example.net\nTo: suzuki@example.co.jp\nSubject: x\n\nbody\n"
	in := prepared(t, raw)
	if r, ok := in.authResult("dmarc"); !ok || r.Result != "pass" {
		t.Errorf("dmarc = %+v, want pass from Gmail's own ARC record above the hand-off", r)
	}
	// An ARC record of another authserv-id, or one below the hand-off, is
	// not the receiver's.
	raw = gmailTop + arc("2", "arc.example.net", "pass") + gmailHop + arc("1", "mx.google.com", "pass") +
		"From: info@example.net\nTo: suzuki@example.co.jp\nSubject: x\n\nbody\n"
	if in := prepared(t, raw); len(in.Auth) != 0 {
		t.Errorf("auth = %+v, want none", in.Auth)
	}
}

// A Postfix receiver is no platform: its results are read as before.
func TestNoPlatformForOwnServers(t *testing.T) {
	raw := "Authentication-Results: mx.example.co.jp; spf=pass smtp.mailfrom=example.net\n" +
		"Received: from mail.example.net (mail.example.net [192.0.2.8]) by mx.example.co.jp (Postfix) with ESMTPS id 1; Sun, 15 Nov 2026 17:00:02 +0900\n" +
		"From: a@example.net\nTo: b@example.co.jp\nSubject: x\n" +
		"X-Forefront-Antispam-Report: CIP:203.0.113.1;SFV:NSPM;CAT:NONE;\n\nbody\n"
	in := prepared(t, raw)
	if in.Receiver != nil || in.Facts != nil {
		t.Errorf("receiver %+v facts %+v, want none (a sender's X-Forefront header is not read)", in.Receiver, in.Facts)
	}
	if in.AuthSource() != "mx.example.co.jp" || in.Origin == nil || in.Origin.IP.String() != "192.0.2.8" {
		t.Errorf("source %q origin %+v", in.AuthSource(), in.Origin)
	}
}
