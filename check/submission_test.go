package check

import (
	"testing"

	"github.com/mekiki/mekiki/mail"
)

// TestAuthenticatedSubmission: a colleague's mail that the company's own
// server received with authentication (ESMTPSA, "Authenticated sender:",
// Sendmail's "authenticated bits=") is no own-domain spoof; the same
// words in a Received field the sender wrote below the hand-off are not
// believed.
func TestAuthenticatedSubmission(t *testing.T) {
	tail := "From: taro@example-corp.co.jp\nTo: hanako@example-corp.co.jp\nSubject: hi\n" +
		"Date: Tue, 24 Nov 2026 21:40:00 +0900\nMessage-ID: <a@example-corp.co.jp>\n\nbody\n"
	for _, c := range []struct {
		name, received string
		spoof          bool
	}{
		{"Postfix ESMTPSA", "Received: from [198.51.100.23] (home.example-isp.ne.jp [198.51.100.23])\n\t(Authenticated sender: taro@example-corp.co.jp)\n\tby mail.example-corp.co.jp (Postfix) with ESMTPSA id 4Zx9\n\tfor <hanako@example-corp.co.jp>; Tue, 24 Nov 2026 21:40:02 +0900\n", false},
		{"Sendmail authenticated bits", "Received: from [192.0.2.77] (x.example [192.0.2.77])\n\t(authenticated bits=0)\n\tby smtp.example-corp.co.jp (8.17.1/8.17.1) with ESMTP id 5AO9\n\tfor <hanako@example-corp.co.jp>; Tue, 24 Nov 2026 22:05:02 +0900\n", false},
		{"Exim esmtpsa", "Received: from [203.0.113.9] (helo=laptop)\n\tby mx.example-corp.co.jp with esmtpsa (Exim 4.96)\n\t(envelope-from <taro@example-corp.co.jp>) id 1tAbc\n\tfor hanako@example-corp.co.jp; Tue, 24 Nov 2026 21:40:02 +0900\n", false},
		{"no authentication", "Received: from out.spoofer.example (out.spoofer.example [198.51.100.7])\n\tby mail.example-corp.co.jp (Postfix) with ESMTP id 4Zx9\n\tfor <hanako@example-corp.co.jp>; Tue, 24 Nov 2026 21:40:02 +0900\n", true},
		{"authentication claimed below the hand-off", "Received: from out.spoofer.example (out.spoofer.example [198.51.100.7])\n\tby mail.example-corp.co.jp (Postfix) with ESMTP id 4Zx9\n\tfor <hanako@example-corp.co.jp>; Tue, 24 Nov 2026 21:40:02 +0900\n" +
			"Received: from [10.0.0.5] (Authenticated sender: taro@example-corp.co.jp)\n\tby out.spoofer.example with ESMTPSA id 1; Tue, 24 Nov 2026 21:40:01 +0900\n", true},
	} {
		m, err := mail.ParseBytes([]byte(c.received+tail), mail.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		got := run(m)
		if _, spoof := got["sender.own_domain_spoof"]; spoof != c.spoof {
			t.Errorf("%s: own_domain_spoof %v, want %v", c.name, spoof, c.spoof)
		}
	}
}
