// Package export turns reports into what others take in: a STIX 2.1
// bundle and CSV of IOCs for a CSIRT, and the report mail to フィッシング
// 対策協議会 (the Council of Anti-Phishing Japan).
package export

import (
	"crypto/sha1"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/netip"
	"strings"
	"time"

	"github.com/mekiki/mekiki"
)

// stixNamespace is the UUIDv5 namespace of mekiki's STIX identifiers, so
// the same indicator always gets the same id.
var stixNamespace = [16]byte{0x6d, 0x65, 0x6b, 0x69, 0x6b, 0x69, 0x2d, 0x73, 0x74, 0x69, 0x78, 0x2d, 0x32, 0x2e, 0x31, 0x00}

// uuid5 is an RFC 4122 name-based (SHA-1) UUID.
func uuid5(name string) string {
	h := sha1.New()
	h.Write(stixNamespace[:])
	h.Write([]byte(name))
	b := h.Sum(nil)[:16]
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	s := hex.EncodeToString(b)
	return s[:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:]
}

// IOC is one indicator with where it came from.
type IOC struct {
	Type    string // url, domain, ipv4, ipv6, email, sha256, bitcoin, ethereum
	Value   string
	Verdict string
	Subject string
}

// IOCs lists a report's indicators (empty for a clean verdict, as the
// contract fills them).
func IOCs(rep *mekiki.Report) []IOC {
	var out []IOC
	add := func(t, v string) { out = append(out, IOC{t, v, rep.Verdict, rep.Message.Subject}) }
	for _, u := range rep.IOCs.URLs {
		add("url", u)
	}
	for _, d := range rep.IOCs.Domains {
		add("domain", d)
	}
	for _, ip := range rep.IOCs.IPs {
		if a, err := netip.ParseAddr(ip); err == nil && a.Is6() && !a.Is4In6() {
			add("ipv6", ip)
		} else {
			add("ipv4", ip)
		}
	}
	for _, e := range rep.IOCs.Emails {
		add("email", e)
	}
	for _, a := range rep.IOCs.Attachments {
		add("sha256", a.SHA256)
	}
	for _, w := range rep.IOCs.Wallets {
		add(w.Currency, w.Address)
	}
	return out
}

// WriteCSV writes type,value,verdict,subject rows.
func WriteCSV(w io.Writer, iocs []IOC) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"type", "value", "verdict", "subject"})
	for _, i := range iocs {
		cw.Write([]string{i.Type, i.Value, i.Verdict, i.Subject})
	}
	cw.Flush()
	return cw.Error()
}

// stixPattern is the STIX 2.1 pattern of an IOC, or "" when STIX has no
// object for it (wallets).
func stixPattern(i IOC) string {
	q := strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(i.Value)
	switch i.Type {
	case "url":
		return "[url:value = '" + q + "']"
	case "domain":
		return "[domain-name:value = '" + q + "']"
	case "ipv4":
		return "[ipv4-addr:value = '" + q + "']"
	case "ipv6":
		return "[ipv6-addr:value = '" + q + "']"
	case "email":
		return "[email-addr:value = '" + q + "']"
	case "sha256":
		return "[file:hashes.'SHA-256' = '" + q + "']"
	}
	return ""
}

// WriteSTIX writes a STIX 2.1 bundle: mekiki's identity and one
// indicator per IOC (labelled phishing or suspicious, created by mekiki).
func WriteSTIX(w io.Writer, iocs []IOC, now time.Time) error {
	ts := now.UTC().Format("2006-01-02T15:04:05.000Z")
	identity := "identity--" + uuid5("identity mekiki")
	objects := []map[string]any{{
		"type": "identity", "spec_version": "2.1", "id": identity, "created": ts, "modified": ts,
		"name": "mekiki", "identity_class": "system",
	}}
	var ids []string
	for _, i := range iocs {
		p := stixPattern(i)
		if p == "" {
			continue
		}
		id := "indicator--" + uuid5(i.Type+" "+i.Value)
		ids = append(ids, id)
		objects = append(objects, map[string]any{
			"type": "indicator", "spec_version": "2.1", "id": id, "created": ts, "modified": ts,
			"created_by_ref": identity, "name": fmt.Sprintf("%s %s", i.Type, i.Value),
			"description":     "From a mail judged " + i.Verdict + " by mekiki: " + i.Subject,
			"indicator_types": []string{"malicious-activity"}, "labels": []string{i.Verdict},
			"pattern": p, "pattern_type": "stix", "valid_from": ts,
		})
	}
	bundle := map[string]any{"type": "bundle", "id": "bundle--" + uuid5(ts+strings.Join(ids, ",")), "objects": objects}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(bundle)
}
