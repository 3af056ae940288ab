package check

import (
	"strings"
	"testing"

	"github.com/mekiki/mekiki/mail"
)

// newsletterRaw builds a received HTML mail from from with the receiver's
// results auth and the extra header fields (each ending in a newline).
func newsletterRaw(from, subject, auth, extra, body string) string {
	return "Authentication-Results: mx.example.jp; " + auth + "\n" +
		"Received: from out.mail.techwire-media.example (out.mail.techwire-media.example [203.0.113.41]) by mx.example.jp with ESMTPS; Thu, 26 Nov 2026 07:30:04 +0900\n" +
		"From: " + from + "\nTo: hanako@example-corp.co.jp\nSubject: " + subject + "\n" + extra +
		"Date: Thu, 26 Nov 2026 07:30:00 +0900\nMessage-ID: <n1@mail.techwire-media.example>\n" +
		"MIME-Version: 1.0\nContent-Type: text/html; charset=UTF-8\n\n" + body + "\n"
}

func parseRaw(t *testing.T, raw string) *mail.Message {
	t.Helper()
	m, err := mail.ParseBytes([]byte(raw), mail.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

const (
	ownAuth   = "dkim=pass header.d=techwire-media.example header.s=s1; spf=pass smtp.mailfrom=mail.techwire-media.example; dmarc=pass header.from=techwire-media.example"
	unsubLine = "List-Unsubscribe: <https://techwire-media.example/unsubscribe?u=1>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n"
	topicBody = `<p><a href="https://techwire-media.example/r/1">Vision Pro, one year on</a></p>`
)

// TestBrandAsNewsletterTopic: a brand word inside an authenticated
// newsletter's longer name is its topic; the brand's own name, or the
// brand beside its service words, is a claim however the domain
// authenticates, and so is any name without the newsletter's marks.
func TestBrandAsNewsletterTopic(t *testing.T) {
	const addr = " <newsletter@techwire-media.example>"
	cases := []struct {
		name, from, subject, auth, extra string
		want                             string // sender.brand_mismatch severity; "" means quiet
	}{
		{"topic in the display name", "The Apple Core" + addr, "Vision Pro, one year on", ownAuth, unsubLine, ""},
		{"topic in a list's display name", "The Apple Core" + addr, "Vision Pro, one year on", ownAuth, "List-Id: <applecore.techwire-media.example>\n", ""},
		{"topic in the subject tag", "TechWire Newsletters" + addr, "[Apple Core] Vision Pro, one year on", ownAuth, unsubLine, ""},
		{"topic with a headline subject", "The Apple Core" + addr, "[Apple Core] What Apple got right this year", ownAuth, unsubLine, ""},
		{"credited publisher", "Amazon Web Services Insider by ExampleMedia" + addr, "Re:Invent recap", ownAuth, unsubLine, ""},
		{"topic glued into a word", "AppleInsider Weekly" + addr, "Vision Pro, one year on", ownAuth, unsubLine, ""},

		{"the brand itself", "Apple" + addr, "Vision Pro, one year on", ownAuth, unsubLine, High},
		{"the brand's support", "Apple Support" + addr, "Vision Pro, one year on", ownAuth, unsubLine, High},
		{"the brand's ID", "Apple ID" + addr, "Vision Pro, one year on", ownAuth, unsubLine, High},
		{"service word in a longer name", "Apple Core Security Team" + addr, "Vision Pro, one year on", ownAuth, unsubLine, High},
		{"only newsletter words", "Apple Weekly News" + addr, "Vision Pro, one year on", ownAuth, unsubLine, High},
		{"service word beside a credited brand", "PayPal Security by ExampleMedia" + addr, "Notice", ownAuth, unsubLine, High},
		{"brand as the credited publisher", "Core Weekly by Apple" + addr, "Notice", ownAuth, unsubLine, High},
		{"account subject under a topic name", "The Apple Core" + addr, "Your Apple ID has been locked", ownAuth, unsubLine, High},
		{"login lure in the subject", "The Apple Core" + addr, "Apple: sign in to keep your subscription", ownAuth, unsubLine, High},
		{"brand in the address", "The Apple Core <apple-core@techwire-media.example>", "Vision Pro, one year on", ownAuth, unsubLine, High},
		{"not authenticated", "The Apple Core" + addr, "Vision Pro, one year on", "spf=none; dkim=none; dmarc=none", unsubLine, High},
		{"authenticated for another domain", "The Apple Core" + addr, "Vision Pro, one year on",
			"dkim=pass header.d=bulk-esp.example; spf=pass smtp.mailfrom=bulk-esp.example; dmarc=pass header.from=bulk-esp.example", unsubLine, High},
		{"no newsletter headers", "The Apple Core" + addr, "Vision Pro, one year on", ownAuth, "", High},
		{"a subject tag that is the brand", "TechWire Newsletters" + addr, "[Apple] Vision Pro, one year on", ownAuth, unsubLine, Medium},
		{"a 【】 tag that is the brand", "TechWire Newsletters" + addr, "【Apple Support】 Vision Pro", ownAuth, unsubLine, High},
	}
	for _, c := range cases {
		got := run(parseRaw(t, newsletterRaw(c.from, c.subject, c.auth, c.extra, topicBody)))
		if got["sender.brand_mismatch"] != c.want {
			t.Errorf("%s: sender.brand_mismatch = %q, want %q (%v)", c.name, got["sender.brand_mismatch"], c.want, got)
		}
	}
}

// TestTopicBrandNameLink: the brand's name as a link's text is no
// mismatch in a newsletter where the brand is only the topic.
func TestTopicBrandNameLink(t *testing.T) {
	body := `<p><a href="https://techwire-media.example/r/2">Apple</a></p>`
	got := run(parseRaw(t, newsletterRaw("The Apple Core <newsletter@techwire-media.example>", "Vision Pro", ownAuth, unsubLine, body)))
	if got["url.anchor_mismatch"] != "" || got["sender.brand_mismatch"] != "" {
		t.Errorf("topic newsletter: %v", got)
	}
}

// TestSplitCompound: a word gluing the brand's name to another is judged
// by the other part ("appleinsider" is a topic, "appleid" a service).
func TestSplitCompound(t *testing.T) {
	for in, want := range map[string]string{
		"appleinsider weekly": "apple insider weekly",
		"the appleid center":  "the apple id center",
		"myapple":             "my apple",
		"apple core":          "apple core",
	} {
		got := strings.Join(splitCompound(words(in), []string{"apple"}), " ")
		if got != want {
			t.Errorf("splitCompound(%q) = %q, want %q", in, got, want)
		}
	}
}
