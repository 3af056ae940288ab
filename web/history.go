package web

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite driver, registered as "sqlite"
)

// History keeps recent analyses (the mail and its verdict) in an SQLite
// file on the user's machine so that a report can be opened again, and
// deleted. It is bounded in entries and in bytes: the oldest analyses are
// dropped, and the file and its write-ahead log are shrunk after every
// change, so that a run of large mails cannot fill the disk.
type History struct {
	db *sql.DB
	// Keep is how many analyses are kept (default 200).
	Keep int
	// MaxBytes bounds the mails kept, all together (default 256 MiB).
	MaxBytes int64
	// MaxEntryBytes is the largest mail kept (default 16 MiB, and never
	// more than MaxBytes); a larger one is analysed but not kept.
	MaxEntryBytes int64
}

// Defaults of a History's bounds.
const (
	DefaultHistoryKeep          = 200
	DefaultHistoryMaxBytes      = 256 << 20
	DefaultHistoryMaxEntryBytes = 16 << 20
)

// ErrEntryTooLarge is Add's answer for a mail larger than MaxEntryBytes.
var ErrEntryTooLarge = errors.New("the mail is larger than the history keeps")

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

// OpenHistory opens (creating) the history file. The file holds other
// people's mail: it is made readable by its owner only, and deleted
// entries are overwritten (secure_delete) rather than left in free pages.
func OpenHistory(path string) (*History, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the history's directory: %w", err)
	}
	// SQLite gives its -wal and -shm files the database file's mode, so
	// creating the file 0600 first keeps all three private.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot open the history: %w", err)
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if fi, err := os.Stat(p); err == nil && fi.Mode().Perm()&0o077 != 0 {
			os.Chmod(p, 0o600)
		}
	}
	// auto_vacuum takes effect only in a file without tables, so it holds
	// for files created from now on; journal_size_limit truncates the log
	// after the automatic checkpoints too.
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=auto_vacuum(INCREMENTAL)&_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)"+
		"&_pragma=secure_delete(ON)&_pragma=journal_size_limit(4194304)")
	if err != nil {
		return nil, err
	}
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS analyses (id INTEGER PRIMARY KEY AUTOINCREMENT, created INTEGER NOT NULL,
		subject TEXT NOT NULL, verdict TEXT NOT NULL, score REAL NOT NULL, raw BLOB NOT NULL)`); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s is not a mekiki history: %w", path, err)
	}
	return &History{db: db, Keep: DefaultHistoryKeep, MaxBytes: DefaultHistoryMaxBytes, MaxEntryBytes: DefaultHistoryMaxEntryBytes}, nil
}

// Close closes the file.
func (h *History) Close() error { return h.db.Close() }

// Add records an analysis and returns its id, then drops the oldest
// analyses beyond Keep entries or MaxBytes of mail. A mail larger than
// MaxEntryBytes is not recorded (ErrEntryTooLarge).
func (h *History) Add(subject, verdict string, score float64, raw []byte) (int64, error) {
	if n := int64(len(raw)); (h.MaxEntryBytes > 0 && n > h.MaxEntryBytes) || (h.MaxBytes > 0 && n > h.MaxBytes) {
		return 0, ErrEntryTooLarge
	}
	tx, err := h.db.Begin()
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	res, err := tx.Exec(`INSERT INTO analyses (created, subject, verdict, score, raw) VALUES (?, ?, ?, ?, ?)`,
		time.Now().Unix(), subject, verdict, score, raw)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	// Newest first, an entry goes when it is past the Keep-th or when the
	// mails up to and including it exceed MaxBytes; the new entry is never
	// past either (it is first, and no larger than MaxBytes).
	keep, maxBytes := int64(h.Keep), h.MaxBytes
	if keep <= 0 {
		keep = 1<<63 - 1
	}
	if maxBytes <= 0 {
		maxBytes = 1<<63 - 1
	}
	if _, err := tx.Exec(`DELETE FROM analyses WHERE id <> ? AND id IN (SELECT id FROM (SELECT id,
		ROW_NUMBER() OVER (ORDER BY id DESC) AS n, SUM(length(raw)) OVER (ORDER BY id DESC) AS total FROM analyses)
		WHERE n > ? OR total > ?)`, id, keep, maxBytes); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	// A log still in use by a reader is emptied at the next change.
	h.compact()
	return id, nil
}

// compact gives freed pages back to the file system and empties the
// write-ahead log, which otherwise keeps the size of the largest write.
func (h *History) compact() error {
	rows, err := h.db.Query(`PRAGMA incremental_vacuum`)
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	rows.Close()
	var busy, logPages, done int
	if err := h.db.QueryRow(`PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logPages, &done); err != nil {
		return err
	}
	if busy != 0 {
		return errors.New("the history's log could not be emptied: the file is in use")
	}
	return nil
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

// Delete removes one analysis, and its bytes from the file.
func (h *History) Delete(id int64) error {
	if _, err := h.db.Exec(`DELETE FROM analyses WHERE id = ?`, id); err != nil {
		return err
	}
	h.compact()
	return nil
}
