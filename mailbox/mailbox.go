// Package mailbox reads messages out of the places mail is kept: single
// message files (.eml), directories of them (walked recursively; a
// Maildir's cur and new), and mbox files (mboxo and mboxrd, also
// gzip-compressed). Everything streams: an mbox of any size is read one
// message at a time, and a message over the size limit is cut, never
// held whole.
package mailbox

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Message is one message and where it came from.
type Message struct {
	Source string // the file it was read from
	// Index is the message's number in an mbox (0-based), Offset the byte
	// offset of its "From " line; both are -1 for a single-message file.
	Index  int
	Offset int64
	Data   []byte
	// Truncated is set when the message was longer than the limit and
	// only its beginning is in Data.
	Truncated bool
	// Maildir is the Maildir root of a message file in its cur or new
	// directory; Key is the message's unique name and Flags its info
	// flags (the letters after ":2,").
	Maildir, Key, Flags string
}

// Location names where the message is: "file" or "file#N@offset".
func (m *Message) Location() string {
	if m.Index < 0 {
		return m.Source
	}
	return fmt.Sprintf("%s#%d@%d", m.Source, m.Index, m.Offset)
}

// DefaultMaxSize is the largest message kept whole (the parser's limit).
const DefaultMaxSize = 32 << 20

// ErrStop ends a walk early without an error.
var ErrStop = errors.New("stop")

// Walk calls fn for every message under paths, in a stable order (paths
// as given, directory entries sorted by name). maxSize ≤ 0 takes
// DefaultMaxSize. A file that cannot be read is reported through fn's
// caller as an error only when it was named explicitly; inside
// directories unreadable files are skipped. fn returning ErrStop ends
// the walk with a nil error; another error ends it with that error.
func Walk(ctx context.Context, paths []string, maxSize int64, fn func(*Message) error) error {
	return WalkWith(ctx, paths, WalkOptions{MaxSize: maxSize}, fn)
}

// WalkOptions change how WalkWith reads.
type WalkOptions struct {
	// MaxSize is the largest message kept whole (≤ 0: DefaultMaxSize).
	MaxSize int64
	// SkipDir, when set, is asked about every directory inside the paths
	// (never about a path given itself); true leaves that directory and
	// everything under it out.
	SkipDir func(dir string) bool
	// Unreadable, when set, is told of every file inside a directory
	// that could not be read, which Walk passes over silently; an error
	// it returns ends the walk.
	Unreadable func(path string, err error) error
}

// WalkWith is Walk with options.
func WalkWith(ctx context.Context, paths []string, o WalkOptions, fn func(*Message) error) error {
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("cannot open %s: %w", p, unwrapPathError(err))
		}
		if st.IsDir() {
			err = walkDir(ctx, p, o, fn)
		} else {
			err = readFile(ctx, p, o.MaxSize, fn)
		}
		if errors.Is(err, ErrStop) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func walkDir(ctx context.Context, dir string, o WalkOptions, fn func(*Message) error) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if o.Unreadable != nil && p != dir {
				return o.Unreadable(p, unwrapPathError(err))
			}
			return nil // unreadable entries inside a tree are skipped
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		name := d.Name()
		if d.IsDir() {
			if name == "tmp" && isMaildir(filepath.Dir(p)) {
				return filepath.SkipDir // messages still being delivered
			}
			if p != dir && o.SkipDir != nil && o.SkipDir(p) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, ".") || !d.Type().IsRegular() {
			return nil
		}
		if err := readFile(ctx, p, o.MaxSize, fn); err != nil {
			if !isReadError(err) {
				return err
			}
			if o.Unreadable != nil {
				return o.Unreadable(p, err)
			}
		}
		return nil
	})
}

// IsMaildir reports a directory holding cur and new: a Maildir, or a
// Maildir++ folder inside one.
func IsMaildir(dir string) bool { return isMaildir(dir) }

// isMaildir reports a directory holding cur, new and tmp.
func isMaildir(dir string) bool {
	for _, sub := range []string{"cur", "new"} {
		if st, err := os.Stat(filepath.Join(dir, sub)); err != nil || !st.IsDir() {
			return false
		}
	}
	return true
}

// MaildirName splits a Maildir file name into its unique key and its
// flags: "1700000000.1.host:2,RS" → ("1700000000.1.host", "RS").
func MaildirName(name string) (key, flags string) {
	key, info, ok := strings.Cut(name, ":2,")
	if !ok {
		key, info, _ = strings.Cut(name, "!2,") // the separator on file systems without ":"
	}
	return key, info
}

// readError marks a file that could not be read (as opposed to fn
// stopping the walk).
type readError struct{ err error }

func (e readError) Error() string { return e.err.Error() }
func (e readError) Unwrap() error { return e.err }

func isReadError(err error) bool {
	var re readError
	return errors.As(err, &re)
}

// readFile reads one file: an mbox (plain or gzip'd) or one message.
func readFile(ctx context.Context, path string, maxSize int64, fn func(*Message) error) error {
	f, err := os.Open(path)
	if err != nil {
		return readError{fmt.Errorf("cannot open %s: %w", path, unwrapPathError(err))}
	}
	defer f.Close()
	var r io.Reader = f
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return readError{fmt.Errorf("%s is not valid gzip: %w", path, err)}
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	if head, _ := br.Peek(5); string(head) == "From " {
		return ReadMbox(ctx, br, path, maxSize, fn)
	}
	data, err := io.ReadAll(io.LimitReader(br, maxSize+1))
	if err != nil {
		return readError{fmt.Errorf("cannot read %s: %w", path, err)}
	}
	m := &Message{Source: path, Index: -1, Offset: -1, Data: data}
	if int64(len(data)) > maxSize {
		m.Data, m.Truncated = data[:maxSize], true
	}
	if sub := filepath.Base(filepath.Dir(path)); (sub == "cur" || sub == "new") && isMaildir(filepath.Dir(filepath.Dir(path))) {
		m.Maildir = filepath.Dir(filepath.Dir(path))
		m.Key, m.Flags = MaildirName(filepath.Base(path))
	}
	return fn(m)
}

// ReadMbox streams the messages of an mbox. A message starts at a line
// beginning "From " (the envelope line, which is dropped); in its body,
// lines of the form ">From " and ">>From " (mboxrd quoting, also read
// for mboxo) lose one ">".
func ReadMbox(ctx context.Context, r io.Reader, source string, maxSize int64, fn func(*Message) error) error {
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	var (
		cur     *Message
		buf     bytes.Buffer
		offset  int64
		index   int
		sawLine bool
	)
	flush := func() error {
		if cur == nil {
			return nil
		}
		cur.Data = bytes.Clone(trimFinalNewline(buf.Bytes()))
		buf.Reset()
		m := cur
		cur = nil
		return fn(m)
	}
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// A very long line: keep what fits, discard the rest of it.
			if cur != nil && !cur.Truncated {
				appendLimited(&buf, cur, line, maxSize)
			}
			offset += int64(len(line))
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = br.ReadSlice('\n')
				offset += int64(len(line))
			}
			continue
		}
		if len(line) > 0 {
			sawLine = true
			if bytes.HasPrefix(line, []byte("From ")) {
				if e := flush(); e != nil {
					return e
				}
				if ctx.Err() != nil {
					return ctx.Err()
				}
				cur = &Message{Source: source, Index: index, Offset: offset}
				index++
			} else if cur != nil && !cur.Truncated {
				appendLimited(&buf, cur, unquoteFrom(line), maxSize)
			}
			offset += int64(len(line))
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return readError{fmt.Errorf("cannot read %s: %w", source, err)}
		}
	}
	if !sawLine {
		return nil
	}
	return flush()
}

// appendLimited adds line to the message unless that passes maxSize.
func appendLimited(buf *bytes.Buffer, m *Message, line []byte, maxSize int64) {
	if int64(buf.Len()+len(line)) > maxSize {
		buf.Write(line[:maxSize-int64(buf.Len())])
		m.Truncated = true
		return
	}
	buf.Write(line)
}

// unquoteFrom turns ">From " and ">>From " into one ">" less.
func unquoteFrom(line []byte) []byte {
	i := 0
	for i < len(line) && line[i] == '>' {
		i++
	}
	if i > 0 && bytes.HasPrefix(line[i:], []byte("From ")) {
		return line[1:]
	}
	return line
}

// trimFinalNewline drops the blank line that separates mbox messages.
func trimFinalNewline(b []byte) []byte {
	if bytes.HasSuffix(b, []byte("\r\n\r\n")) {
		return b[:len(b)-2]
	}
	if bytes.HasSuffix(b, []byte("\n\n")) {
		return b[:len(b)-1]
	}
	return b
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
