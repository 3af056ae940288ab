// Package scan judges whole mailboxes: it reads messages from files,
// directories, mbox, Maildir or IMAP (Source), analyses them on all cores
// with bounded memory, hands the results back in input order, and sums
// them up (Summary) and groups them into campaigns (Campaigns).
package scan

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/mail"
)

// Location says where a message is, for the report and for actions.
type Location struct {
	Kind    string `json:"kind"`              // "file", "mbox", "maildir" or "imap"
	Path    string `json:"path,omitempty"`    // file, mbox or Maildir message file
	Index   int    `json:"index,omitempty"`   // message number in an mbox (0-based)
	Offset  int64  `json:"offset,omitempty"`  // byte offset of the mbox "From " line
	Maildir string `json:"maildir,omitempty"` // Maildir root
	Key     string `json:"key,omitempty"`     // Maildir unique name (without ":2,flags")
	Flags   string `json:"flags,omitempty"`   // Maildir info flags ("S", "RS" …)
	Mailbox string `json:"mailbox,omitempty"` // IMAP folder
	UID     uint32 `json:"uid,omitempty"`     // IMAP UID
}

// String is a short human form: "box.mbox#3@1024", "INBOX UID 42".
func (l Location) String() string {
	switch l.Kind {
	case "mbox":
		return fmt.Sprintf("%s#%d@%d", l.Path, l.Index, l.Offset)
	case "imap":
		return fmt.Sprintf("%s UID %d", l.Mailbox, l.UID)
	}
	return l.Path
}

// Item is one message read from a source.
type Item struct {
	Loc       Location
	Data      []byte
	Truncated bool
	// Err says why the message could not be read (Data is then empty).
	Err string
}

// Source streams messages to fn until it returns an error.
type Source interface {
	Each(ctx context.Context, fn func(Item) error) error
}

// Result is one analysed message.
type Result struct {
	Seq    int            `json:"-"`
	Loc    Location       `json:"source"`
	Report *mekiki.Report `json:"report,omitempty"`
	Err    string         `json:"error,omitempty"`
	Size   int            `json:"-"`
	// SimHash fingerprints the visible text, for near-duplicate grouping.
	SimHash uint64 `json:"-"`
	// ListDomains are the organisations a mailing list's headers name
	// (List-Id, List-Post …): list infrastructure, no campaign indicator.
	ListDomains []string `json:"-"`
}

// Run analyses every message of src with workers goroutines (all cores
// when ≤ 0) and calls emit with the results in the order src produced
// them. At most a few messages per worker are in memory at once. When ctx
// is cancelled, Run stops reading, finishes the messages in flight and
// returns ctx.Err() after emitting them.
func Run(ctx context.Context, a *mekiki.Analyzer, src Source, workers int, emit func(Result)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan struct {
		seq  int
		item Item
	})
	results := make(chan Result, workers)
	// window bounds the messages read but not yet emitted.
	window := make(chan struct{}, 4*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- analyse(a, j.seq, j.item)
			}
		}()
	}
	var srcErr error
	go func() {
		seq := 0
		srcErr = src.Each(ctx, func(it Item) error {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			jobs <- struct {
				seq  int
				item Item
			}{seq, it}
			seq++
			return nil
		})
		close(jobs)
		wg.Wait()
		close(results)
	}()
	pending := map[int]Result{}
	next := 0
	for r := range results {
		pending[r.Seq] = r
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			emit(p)
			<-window
			next++
		}
	}
	if srcErr != nil {
		return srcErr
	}
	return ctx.Err()
}

// analyse parses and judges one message; a panic becomes an error.
func analyse(a *mekiki.Analyzer, seq int, it Item) (r Result) {
	r = Result{Seq: seq, Loc: it.Loc, Size: len(it.Data)}
	defer func() {
		if p := recover(); p != nil {
			r.Report, r.Err = nil, fmt.Sprintf("internal error while analysing the message: %v", p)
		}
	}()
	if it.Err != "" {
		r.Err = it.Err
		return r
	}
	m, err := mail.ParseBytes(it.Data, mail.Limits{})
	if err != nil {
		r.Err = err.Error()
		return r
	}
	r.Report = a.AnalyzeMessage(m)
	r.SimHash = SimHash(m.Subject + "\n" + m.Text)
	for _, h := range []string{"List-Id", "List-Post", "List-Unsubscribe", "List-Help", "List-Archive"} {
		for _, v := range strings.FieldsFunc(m.Header.Get(h), func(c rune) bool { return c == '<' || c == '>' || c == ',' || c == ' ' }) {
			v = strings.TrimPrefix(strings.TrimPrefix(v, "mailto:"), "http://")
			v = strings.TrimPrefix(v, "https://")
			if i := strings.IndexAny(v, "/?"); i >= 0 {
				v = v[:i]
			}
			if o := orgOf(v); o != "" && !slices.Contains(r.ListDomains, o) {
				r.ListDomains = append(r.ListDomains, o)
			}
		}
	}
	return r
}
