package scan

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/mekiki/mekiki/mailbox"
)

// Actions says what to do with flagged messages after a scan. Nothing
// happens unless Apply is set: by default the plan is printed (a dry
// run). Nothing is ever deleted.
type Actions struct {
	MoveTo  string // folder to move to (IMAP folder, or Maildir++ ".Folder")
	Keyword string // IMAP keyword to set, e.g. "$Phishing"
	On      string // "phishing" (default) or "suspicious" (suspicious and phishing)
	Apply   bool
	// Lang is the language of what Run reports: "ja" or "en" (default).
	Lang string

	imapUIDs []uint32
	files    []Location
}

// Enabled reports whether any action was asked for.
func (a *Actions) Enabled() bool { return a.MoveTo != "" || a.Keyword != "" }

// Note records a result the actions apply to.
func (a *Actions) Note(r Result) {
	if !a.Enabled() || r.Report == nil {
		return
	}
	v := r.Report.Verdict
	if !(v == "phishing" || a.On == "suspicious" && v == "suspicious") {
		return
	}
	switch r.Loc.Kind {
	case "imap":
		a.imapUIDs = append(a.imapUIDs, r.Loc.UID)
	case "maildir":
		a.files = append(a.files, r.Loc)
	}
}

// Run carries the actions out (or, without Apply, prints them) and
// reports what it did on w. imap is the scan's IMAP source, or nil.
func (a *Actions) Run(w io.Writer, imap *IMAP) error {
	if !a.Enabled() {
		return nil
	}
	wd := wordsFor(a.Lang)
	done := 0
	if a.Apply {
		done = 1
	}
	var errs []error
	if len(a.imapUIDs) > 0 && imap != nil {
		if a.Keyword != "" {
			fmt.Fprintf(w, wd.setKeyword[done]+"\n", a.Keyword, len(a.imapUIDs), imap.Mailbox)
			if a.Apply {
				errs = append(errs, imap.AddKeyword(a.imapUIDs, a.Keyword))
			}
		}
		if a.MoveTo != "" {
			fmt.Fprintf(w, wd.moveIMAP[done]+"\n", len(a.imapUIDs), imap.Mailbox, a.MoveTo)
			if a.Apply {
				errs = append(errs, imap.Move(a.imapUIDs, a.MoveTo))
			}
		}
	}
	if len(a.files) > 0 {
		if a.Keyword != "" {
			errs = append(errs, errors.New("keywords can be set on IMAP messages only; use --move-to for a Maildir"))
		}
		for _, l := range a.files {
			if a.MoveTo == "" {
				break
			}
			dst := maildirTarget(l, a.MoveTo)
			if filepath.Dir(dst) == filepath.Dir(l.Path) {
				continue // in the folder already
			}
			fmt.Fprintf(w, wd.moveFile[done]+"\n", l.Path, dst)
			if a.Apply {
				errs = append(errs, moveMaildirFile(l.Path, dst))
			}
		}
	}
	return errors.Join(errs...)
}

// maildirTarget is where a message goes in the Maildir++ folder: the same
// subdirectory (cur or new) and file name under ROOT/.Folder, ROOT being
// the top Maildir also for a message in one of its folders (Maildir++
// folders are all directly under the top: ROOT/.Junk, never
// ROOT/.Work/.Junk).
func maildirTarget(l Location, folder string) string {
	root := l.Maildir
	if strings.HasPrefix(filepath.Base(root), ".") && mailbox.IsMaildir(filepath.Dir(root)) {
		root = filepath.Dir(root)
	}
	sub := filepath.Base(filepath.Dir(l.Path))
	return filepath.Join(root, maildirFolder(folder), sub, filepath.Base(l.Path))
}

// moveMaildirFile renames a message into another Maildir folder,
// creating the folder (cur, new, tmp) when missing. A rename within one
// file system is atomic: the message is never lost or doubled.
func moveMaildirFile(src, dst string) error {
	root := filepath.Dir(filepath.Dir(dst))
	for _, d := range []string{"cur", "new", "tmp"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o700); err != nil {
			return err
		}
	}
	if _, err := os.Stat(dst); err == nil {
		return fmt.Errorf("%s exists already; not overwritten", dst)
	}
	return os.Rename(src, dst)
}
