package feeds

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mekiki/mekiki/domain"
)

// Format is a feed file layout.
type Format string

// Known feed formats, detected from the first line.
const (
	FormatJPCERT    Format = "jpcert"    // date,url,brand (github.com/JPCERTCC/phishurl-list)
	FormatPhishTank Format = "phishtank" // phish_id,url,phish_detail_url,submission_time,verified,… ,target
	FormatPlain     Format = "plain"     // one URL per line (OpenPhish feed.txt); # comments
)

// defaultSource names the feed when the user does not.
var defaultSource = map[Format]string{
	FormatJPCERT:    "JPCERT/CC phishurl-list",
	FormatPhishTank: "PhishTank",
	FormatPlain:     "OpenPhish",
}

// ImportResult says what an import did.
type ImportResult struct {
	Format  Format
	Source  string
	Rows    int // URLs stored (new or updated)
	Skipped int // lines that held no usable URL
}

// maxLine bounds one feed line; longer lines are skipped.
const maxLine = 64 << 10

// Import reads a feed from r (format detected from its first line) and
// stores its URLs under source (empty: the format's usual name), in one
// transaction. name is the file name recorded in the import log.
func (s *Store) Import(r io.Reader, name, source string) (ImportResult, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	first, err := br.Peek(512)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return ImportResult{}, err
	}
	format := detectFormat(string(first))
	res := ImportResult{Format: format, Source: source}
	if res.Source == "" {
		res.Source = defaultSource[format]
	}
	tx, err := s.db.Begin()
	if err != nil {
		return res, err
	}
	defer tx.Rollback()
	stmt, err := tx.Prepare(`INSERT OR REPLACE INTO entries (url, host, registrable, path, brand, listed, source) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return res, err
	}
	defer stmt.Close()
	store := func(raw, brand, listed string) error {
		u, ok := domain.ParseURL(strings.TrimSpace(raw))
		if !ok || u.Registrable == "" {
			res.Skipped++
			return nil
		}
		if _, err := stmt.Exec(u.String(), u.Host, u.Registrable, u.Path, strings.TrimSpace(brand), strings.TrimSpace(listed), res.Source); err != nil {
			return err
		}
		res.Rows++
		return nil
	}
	switch format {
	case FormatJPCERT, FormatPhishTank:
		cr := csv.NewReader(br)
		cr.FieldsPerRecord = -1
		cr.LazyQuotes = true
		header, err := cr.Read()
		if err != nil {
			return res, fmt.Errorf("cannot read the feed's header: %w", err)
		}
		col := map[string]int{}
		for i, h := range header {
			col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
		}
		urlCol, brandCol, dateCol := col["url"], -1, -1
		if format == FormatJPCERT {
			brandCol, dateCol = col["brand"], col["date"]
			if i, ok := col["description"]; ok { // the upstream repository's name for it
				brandCol = i
			}
		} else {
			if i, ok := col["target"]; ok {
				brandCol = i
			}
			if i, ok := col["submission_time"]; ok {
				dateCol = i
			}
		}
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			var bad *csv.ParseError
			if errors.As(err, &bad) { // a malformed line
				res.Skipped++
				continue
			}
			if err != nil { // the feed itself failed (too large, cut off)
				return res, fmt.Errorf("cannot read the feed: %w", err)
			}
			get := func(i int) string {
				if i >= 0 && i < len(rec) {
					return rec[i]
				}
				return ""
			}
			if err := store(get(urlCol), get(brandCol), get(dateCol)); err != nil {
				return res, err
			}
		}
	default:
		sc := bufio.NewScanner(br)
		sc.Buffer(make([]byte, 0, 4096), maxLine)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if err := store(line, "", ""); err != nil {
				return res, err
			}
		}
		if err := sc.Err(); err != nil {
			return res, fmt.Errorf("cannot read the feed: %w", err)
		}
	}
	if res.Rows == 0 {
		return res, ErrNoURLs
	}
	if _, err := tx.Exec(`INSERT INTO imports (source, file, rows, skipped, imported_at) VALUES (?, ?, ?, ?, ?)`,
		res.Source, name, res.Rows, res.Skipped, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return res, err
	}
	return res, tx.Commit()
}

// detectFormat tells the layout from the first line.
func detectFormat(head string) Format {
	line := strings.ToLower(strings.TrimPrefix(head, "\ufeff"))
	if i := strings.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	switch {
	case strings.HasPrefix(line, "date,url"):
		return FormatJPCERT
	case strings.HasPrefix(line, "phish_id,"):
		return FormatPhishTank
	}
	return FormatPlain
}
