package mekiki_test

import (
	"bufio"
	"bytes"
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/kb"
)

// TestEveryFindingFiresAndStaysQuiet holds every declared finding to a
// mail that raises it and a near miss that does not (testdata/findings.tsv),
// a score for each of its severities in the knowledge base, and an entry
// in the report contract (docs/report-contract.md).
func TestEveryFindingFiresAndStaysQuiet(t *testing.T) {
	rows := readFindingTable(t)
	a, err := mekiki.New(mekiki.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := testFunctionBodies(t)
	contract, err := os.ReadFile(filepath.Join("docs", "report-contract.md"))
	if err != nil {
		t.Fatal(err)
	}
	k := kb.Default()
	reports := map[string][]string{}
	idsIn := func(file string) []string {
		if ids, ok := reports[file]; ok {
			return ids
		}
		raw, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatalf("findings.tsv names %s: %v", file, err)
		}
		rep, err := a.Analyze(context.Background(), bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		var ids []string
		for _, f := range rep.Findings {
			ids = append(ids, string(f.ID))
		}
		reports[file] = ids
		return ids
	}
	for _, d := range finding.All() {
		id := string(d.ID)
		row, ok := rows[id]
		if !ok {
			t.Errorf("%s: no row in testdata/findings.tsv", id)
			continue
		}
		for i, ref := range row {
			fires := i == 0
			if name, ok := strings.CutPrefix(ref, "test:"); ok {
				body, found := tests[name]
				switch {
				case !found:
					t.Errorf("%s: findings.tsv names %s, which is no test", id, name)
				case !strings.Contains(body, id) && !strings.Contains(body, constName(d.ID)):
					t.Errorf("%s: %s does not name the finding", id, name)
				}
				continue
			}
			if got := slices.Contains(idsIn(ref), id); got != fires {
				t.Errorf("%s: on %s it fired %v, want %v", id, ref, got, fires)
			}
		}
		if !bytes.Contains(contract, []byte("`"+id+"`")) {
			t.Errorf("%s: no entry in docs/report-contract.md", id)
		}
		for _, sev := range d.SeverityList() {
			if _, ok := k.Scores[id][string(sev)]; !ok {
				t.Errorf("%s: no score at %s", id, sev)
			}
		}
		if len(d.SeverityList()) == 0 || d.TitleJA == "" || d.TitleEN == "" || d.DocJA == "" || d.DocEN == "" {
			t.Errorf("%s: declaration lacks severities, titles or docs", id)
		}
	}
	for id := range rows {
		if _, ok := finding.Lookup(finding.ID(id)); !ok {
			t.Errorf("findings.tsv names %s, which is not declared", id)
		}
	}
}

// readFindingTable reads testdata/findings.tsv: id → [fires, quiet].
func readFindingTable(t *testing.T) map[string][2]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "findings.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := map[string][2]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("findings.tsv: %q has %d columns, want 3", line, len(cols))
		}
		rows[cols[0]] = [2]string{cols[1], cols[2]}
	}
	return rows
}

// testFunctionBodies returns the source of every Test function in the
// repository's test files, by name.
func testFunctionBodies(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		file, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		for _, decl := range file.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && strings.HasPrefix(fn.Name.Name, "Test") {
				out[fn.Name.Name] = string(src[fset.Position(fn.Pos()).Offset:fset.Position(fn.End()).Offset])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// constName is the Go constant package finding declares for id
// (url.ip_literal → URLIPLiteral), as tests may name it.
func constName(id finding.ID) string {
	initialisms := map[string]string{"url": "URL", "ip": "IP", "idn": "IDN", "cms": "CMS", "dns": "DNS", "dnsbl": "DNSBL",
		"tld": "TLD", "dkim": "DKIM", "spf": "SPF", "dmarc": "DMARC", "html": "HTML", "id": "ID"}
	var b strings.Builder
	for _, p := range strings.FieldsFunc(string(id), func(r rune) bool { return r == '.' || r == '_' }) {
		if s, ok := initialisms[p]; ok {
			b.WriteString(s)
		} else {
			b.WriteString(strings.ToUpper(p[:1]) + p[1:])
		}
	}
	return b.String()
}
