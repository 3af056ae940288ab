// Package feeds keeps phishing URL feeds (JPCERT/CC phishurl-list,
// PhishTank, OpenPhish, plain URL lists) in a local SQLite file and
// answers whether a link is listed, by exact URL or by registrable domain
// and path prefix. Everything is local: importing reads a file the user
// downloaded, and look-ups never touch the network.
package feeds

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // pure-Go SQLite driver, registered as "sqlite"

	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/domain"
)

const schema = `
CREATE TABLE IF NOT EXISTS entries (
	url         TEXT NOT NULL,  -- normalised (domain.URL.String)
	host        TEXT NOT NULL,
	registrable TEXT NOT NULL,
	path        TEXT NOT NULL,
	brand       TEXT NOT NULL DEFAULT '',
	listed      TEXT NOT NULL DEFAULT '', -- date as the feed gives it
	source      TEXT NOT NULL,
	PRIMARY KEY (url, source)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entries_registrable ON entries (registrable);
CREATE TABLE IF NOT EXISTS imports (
	source      TEXT NOT NULL,
	file        TEXT NOT NULL,
	rows        INTEGER NOT NULL,
	skipped     INTEGER NOT NULL,
	imported_at TEXT NOT NULL
);`

// Store is an open feed database. Look-ups are safe for concurrent use.
type Store struct {
	db *sql.DB

	// Shared reports hosts that many unrelated people publish on (a
	// brand's own domains, shorteners, free hosting): a listing of such a
	// host's root never lists the whole host. Nil means none.
	Shared func(host string) bool

	once        sync.Once
	registrable map[string]bool // every listed registrable domain, loaded on first look-up
	loadErr     error
}

// DefaultPath is where the feed store lives unless --feeds says otherwise:
// $MEKIKI_FEEDS, else mekiki/feeds.db under the user's data directory
// ($XDG_DATA_HOME, or ~/.local/share).
func DefaultPath() string {
	if p := os.Getenv("MEKIKI_FEEDS"); p != "" {
		return p
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "mekiki", "feeds.db")
}

// Open opens (and with create, creates) the store at path.
func Open(path string, create bool) (*Store, error) {
	if !create {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("no feed store at %s (import a feed first with 'mekiki feeds import FILE')", path)
		}
	} else if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil { // shared with the private history (web)
		return nil, fmt.Errorf("cannot create the feed store's directory: %w", err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)")
	if err != nil {
		return nil, err
	}
	if _, err := db.Exec(schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s is not a mekiki feed store: %w", path, err)
	}
	return &Store{db: db}, nil
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// Lookup reports whether u is listed: the exact URL, a listed path that
// u's path starts with on the same registrable domain, or a whole listed
// host. Shared hosts (a brand's own domains, shorteners, free hosting) are
// matched by exact URL and path only, never as a whole.
func (s *Store) Lookup(u domain.URL) (check.FeedHit, bool) {
	s.once.Do(s.loadRegistrables)
	if s.loadErr != nil || !s.registrable[u.Registrable] {
		return check.FeedHit{}, false
	}
	rows, err := s.db.Query(`SELECT url, host, path, brand, source FROM entries WHERE registrable = ? LIMIT 2000`, u.Registrable)
	if err != nil {
		return check.FeedHit{}, false
	}
	defer rows.Close()
	want := u.String()
	var best check.FeedHit
	rank := 0
	for rows.Next() {
		var url, host, path, brand, source string
		if rows.Scan(&url, &host, &path, &brand, &source) != nil {
			continue
		}
		hit := check.FeedHit{Source: source, URL: url, Brand: brand}
		switch {
		case url == want:
			hit.Match = "url"
			return hit, true
		case path != "/" && pathPrefix(u.Path, path) && rank < 2:
			hit.Match = "path"
			best, rank = hit, 2
		case path == "/" && host == u.Host && rank < 1 && (s.Shared == nil || !s.Shared(host)):
			hit.Match = "host"
			best, rank = hit, 1
		}
	}
	return best, rank > 0
}

// pathPrefix reports whether p starts with the listed path at a segment
// boundary (/login matches /login and /login/x, not /loginx).
func pathPrefix(p, listed string) bool {
	if !strings.HasPrefix(p, listed) {
		return false
	}
	return len(p) == len(listed) || strings.HasSuffix(listed, "/") || p[len(listed)] == '/' || p[len(listed)] == '.'
}

func (s *Store) loadRegistrables() {
	rows, err := s.db.Query(`SELECT DISTINCT registrable FROM entries`)
	if err != nil {
		s.loadErr = err
		return
	}
	defer rows.Close()
	s.registrable = map[string]bool{}
	for rows.Next() {
		var r string
		if rows.Scan(&r) == nil {
			s.registrable[r] = true
		}
	}
	s.loadErr = rows.Err()
}

// Stats describe what the store holds.
type Stats struct {
	Sources []SourceStats
	Total   int
}

// SourceStats is one feed's share of the store.
type SourceStats struct {
	Source      string
	Entries     int
	Domains     int
	First, Last string // earliest and latest listing dates as given
	Imported    string // when it was last imported
}

// Stats counts the entries per source.
func (s *Store) Stats() (Stats, error) {
	var st Stats
	rows, err := s.db.Query(`SELECT source, COUNT(*), COUNT(DISTINCT registrable), MIN(listed), MAX(listed),
		COALESCE((SELECT MAX(imported_at) FROM imports i WHERE i.source = e.source), '')
		FROM entries e GROUP BY source ORDER BY COUNT(*) DESC`)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var ss SourceStats
		if err := rows.Scan(&ss.Source, &ss.Entries, &ss.Domains, &ss.First, &ss.Last, &ss.Imported); err != nil {
			return st, err
		}
		st.Sources = append(st.Sources, ss)
		st.Total += ss.Entries
	}
	return st, rows.Err()
}

// ErrNoURLs is returned by Import when a file holds no URL at all.
var ErrNoURLs = errors.New("the file holds no URLs in a known feed format")
