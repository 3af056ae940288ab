package web

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite driver, registered as "sqlite"
)

// History keeps recent analyses (the mail and its verdict) in an SQLite
// file on the user's machine so that a report can be opened again, and
// deleted.
type History struct {
	db *sql.DB
	// Keep is how many analyses are kept (oldest are dropped).
	Keep int
}

// Entry is one past analysis.
type Entry struct {
	ID      int64
	Created time.Time
	Subject string
	Verdict string
	Score   float64
}

// DefaultHistoryPath is ~/.local/share/mekiki/history.db (the XDG data
// directory).
func DefaultHistoryPath() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "mekiki", "history.db")
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".local", "share", "mekiki", "history.db")
}

// OpenHistory opens (creating) the history file.
func OpenHistory(path string) (*History, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the history's directory: %w", err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)")
	if err != nil {
		return nil, err
	}
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS analyses (id INTEGER PRIMARY KEY AUTOINCREMENT, created INTEGER NOT NULL,
		subject TEXT NOT NULL, verdict TEXT NOT NULL, score REAL NOT NULL, raw BLOB NOT NULL)`); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s is not a mekiki history: %w", path, err)
	}
	return &History{db: db, Keep: 200}, nil
}

// Close closes the file.
func (h *History) Close() error { return h.db.Close() }

// Add records an analysis and returns its id.
func (h *History) Add(subject, verdict string, score float64, raw []byte) (int64, error) {
	res, err := h.db.Exec(`INSERT INTO analyses (created, subject, verdict, score, raw) VALUES (?, ?, ?, ?, ?)`,
		time.Now().Unix(), subject, verdict, score, raw)
	if err != nil {
		return 0, err
	}
	h.db.Exec(`DELETE FROM analyses WHERE id NOT IN (SELECT id FROM analyses ORDER BY id DESC LIMIT ?)`, h.Keep)
	return res.LastInsertId()
}

// Recent lists the newest analyses first.
func (h *History) Recent(n int) ([]Entry, error) {
	rows, err := h.db.Query(`SELECT id, created, subject, verdict, score FROM analyses ORDER BY id DESC LIMIT ?`, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		var created int64
		if err := rows.Scan(&e.ID, &created, &e.Subject, &e.Verdict, &e.Score); err != nil {
			return nil, err
		}
		e.Created = time.Unix(created, 0)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Raw returns a past analysis's message.
func (h *History) Raw(id int64) ([]byte, error) {
	var raw []byte
	err := h.db.QueryRow(`SELECT raw FROM analyses WHERE id = ?`, id).Scan(&raw)
	return raw, err
}

// Delete removes one analysis.
func (h *History) Delete(id int64) error {
	_, err := h.db.Exec(`DELETE FROM analyses WHERE id = ?`, id)
	return err
}
