package mekiki_test

import (
	"os"
	"strings"
	"testing"
)

// TestLicenceAndNotice: the repository carries an OSI licence, and the
// NOTICE names every bundled data set that is not the team's own with its
// terms.
func TestLicenceAndNotice(t *testing.T) {
	lic, err := os.ReadFile("LICENSE")
	if err != nil || !strings.Contains(string(lic), "Apache License") || !strings.Contains(string(lic), "Version 2.0") {
		t.Fatalf("LICENSE: not the Apache License 2.0 (%v)", err)
	}
	notice, err := os.ReadFile("NOTICE")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"mail/data/EmojiSources.txt", "kb/data/simplified_han.txt", "domain/confusables_table.go",
		"online/rdap_bootstrap.json", "kb/data/tlds.yaml", "Public Suffix List", "Unicode License", "Mozilla Public License"} {
		if !strings.Contains(string(notice), want) {
			t.Errorf("NOTICE does not name %s", want)
		}
	}
}
