package online

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite driver, registered as "sqlite"
)

// TTLs of cached answers by kind: blocklists change within hours, a
// domain's existence and a reverse name within days.
var TTLs = map[string]time.Duration{
	"domain":  24 * time.Hour,
	"reverse": 24 * time.Hour,
	"listing": time.Hour,
	"place":   24 * time.Hour,
	"rdap":    24 * time.Hour,
}

// Cache keeps look-up answers in an SQLite file (pure Go) so that a scan,
// the web page and the milter share them and do not ask twice. Failed
// look-ups are never cached.
type Cache struct {
	db  *sql.DB
	now func() time.Time
}

// DefaultCachePath is ~/.cache/mekiki/online.db.
func DefaultCachePath() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "mekiki", "online.db")
}

// OpenCache opens (creating) the cache file.
func OpenCache(path string) (*Cache, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the cache's directory: %w", err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)")
	if err != nil {
		return nil, err
	}
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS answers (kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
		expires INTEGER NOT NULL, PRIMARY KEY (kind, key))`); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s is not a mekiki look-up cache: %w", path, err)
	}
	return &Cache{db: db, now: time.Now}, nil
}

// Close closes the file.
func (c *Cache) Close() error { return c.db.Close() }

// get reads a fresh answer into v.
func (c *Cache) get(kind, key string, v any) bool {
	if c == nil {
		return false
	}
	var s string
	err := c.db.QueryRow(`SELECT value FROM answers WHERE kind = ? AND key = ? AND expires > ?`, kind, key, c.now().Unix()).Scan(&s)
	return err == nil && json.Unmarshal([]byte(s), v) == nil
}

// put stores an answer for its kind's TTL.
func (c *Cache) put(kind, key string, v any) {
	if c == nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		return
	}
	c.db.Exec(`INSERT OR REPLACE INTO answers (kind, key, value, expires) VALUES (?, ?, ?, ?)`,
		kind, key, string(b), c.now().Add(TTLs[kind]).Unix())
}

// Purge deletes expired answers.
func (c *Cache) Purge() error {
	_, err := c.db.Exec(`DELETE FROM answers WHERE expires <= ?`, c.now().Unix())
	return err
}
