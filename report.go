package mekiki

import (
	"github.com/mekiki/mekiki/advice"
	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/mail"
	"github.com/mekiki/mekiki/online"
	"github.com/mekiki/mekiki/wallet"
)

// Report is the result of analysing one message. Its JSON form is the
// report contract (docs/report-contract.md): field names never change once
// shipped.
type Report struct {
	Verdict string `json:"verdict"` // "phishing", "suspicious" or "clean"
	// SummaryJA and SummaryEN say in plain words what the mail is and
	// why; Advice is what to do now (package advice; additions to the
	// contract).
	SummaryJA string        `json:"summary_ja"`
	SummaryEN string        `json:"summary_en"`
	Advice    []advice.Step `json:"advice"`

	Score    float64         `json:"score"`  // sum of the finding and combination scores
	Brands   []string        `json:"brands"` // brand ids the message claims to be
	Message  MessageSummary  `json:"message"`
	Findings []check.Finding `json:"findings"`
	// Combos are the combinations of evidence that hold (package
	// finding): each adds its score to the findings' (an addition to the
	// contract).
	Combos []check.Combo `json:"combinations"`
	// Capped is true when the score reached the phishing threshold but
	// no finding is a sign of phishing (a claimed identity, a request to
	// act, a disguised link or file), so the verdict stays suspicious
	// (an addition to the contract; omitted when false).
	Capped bool   `json:"capped,omitempty"`
	IOCs   IOCs   `json:"iocs"`
	Links  []Link `json:"links"`
	// LinksOmitted counts the distinct links past the parser's limit
	// (mail.Limits.MaxLinks), neither analysed nor listed (an addition to
	// the contract).
	LinksOmitted int `json:"links_omitted,omitempty"`
	// Attachments lists every attached file with its real type and
	// contents (an addition to the contract).
	Attachments []Attachment `json:"attachments"`
	Online      bool         `json:"online"` // true when network enrichment ran
	// OnlineFacts is what the online look-ups found and which failed (an
	// addition to the contract; present only when Online).
	OnlineFacts *online.Facts `json:"online_facts,omitempty"`
	// Light is true for the fallback judgement of AnalyzeLight (header,
	// origin, authentication and links only), given when the full analysis
	// could not finish in time (an addition to the contract).
	Light bool `json:"light,omitempty"`
}

// MessageSummary is what the report says about the message itself.
type MessageSummary struct {
	Subject    string       `json:"subject"`
	Date       string       `json:"date"` // RFC 3339, "" when missing
	From       mail.Address `json:"from"`
	ReturnPath string       `json:"return_path"`
	ReplyTo    []string     `json:"reply_to"`
	MessageID  string       `json:"message_id"`
	To         []string     `json:"to"`
	Origin     Origin       `json:"origin"`
	Auth       MessageAuth  `json:"auth"`
}

// Origin is the first hop outside the receiving organisation. Country and
// AS fields are filled only by online enrichment.
type Origin struct {
	IP      string `json:"ip"`
	Helo    string `json:"helo"`
	RDNS    string `json:"rdns"`
	Country string `json:"country"`
	ASN     int    `json:"asn"`
	ASOrg   string `json:"as_org"`
}

// IOCs are the indicators a CSIRT can act on. They are listed for
// suspicious and phishing verdicts; legitimate brand domains and
// free-mail domains are left out of the domain list.
type IOCs struct {
	URLs        []string        `json:"urls"`
	Domains     []string        `json:"domains"`
	IPs         []string        `json:"ips"`
	Emails      []string        `json:"emails"`
	Attachments []AttachmentIOC `json:"attachments"`
	// Wallets are the cryptocurrency addresses in the text, checksums
	// verified (an addition to the contract).
	Wallets []wallet.Address `json:"wallets"`
}

// AttachmentIOC identifies one attached file.
type AttachmentIOC struct {
	Name   string `json:"name"`
	Type   string `json:"type"`
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
}

// Link is one link of the message: what the reader sees and where it goes.
type Link struct {
	Href string `json:"href"` // the absolute URL a browser opens
	Text string `json:"text"`
	// Texts are the other texts shown over the same href (one URL under
	// several anchors), omitted when there is one (an addition to the
	// contract).
	Texts []string `json:"texts,omitempty"`
	// Source is where the link was found: "a", "area", "form",
	// "meta-refresh", "text" (a URL in the text), "img" (an image the mail
	// loads, not a link the reader clicks), or "attachment", "pdf", "qr",
	// "shortcut" for links inside attachments (an addition to the
	// contract).
	Source      string `json:"source"`
	Domain      string `json:"domain"`
	Registrable string `json:"registrable"`
	// Target is where a wrapped link really leads (inside Safe Links, URL
	// Defense or a redirect parameter); omitted when the link is not wrapped.
	Target string `json:"target,omitempty"`
	// Wrapper names the service that rewrote the link ("Microsoft Safe
	// Links", "Mimecast", "SendGrid"), when it is a known one; for a
	// service whose links carry only a token there is no Target (an
	// addition to the contract).
	Wrapper  string   `json:"wrapper,omitempty"`
	Findings []string `json:"findings,omitempty"` // finding ids raised by this link
}
