package safehttp

import (
	"fmt"
	"io"
)

// TooLargeError is a body longer than the fetch allowed; URL is where
// it came from.
type TooLargeError struct {
	URL   string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the answer is larger than %s", size(e.Limit))
}

// size writes a byte count the way limits are written: 256 MiB, 4 MiB, 64 KiB.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// cappedBody reads a response body up to its limit and fails, rather
// than stopping quietly, when there is more: a truncated feed or RDAP
// answer is never taken for the whole.
type cappedBody struct {
	r      io.Reader // io.LimitReader(body, limit+1): one byte more tells
	body   io.Closer
	read   int64
	limit  int64
	tooBig error
}

func newCappedBody(body io.ReadCloser, url string, limit int64) *cappedBody {
	return &cappedBody{r: io.LimitReader(body, limit+1), body: body, limit: limit,
		tooBig: &TooLargeError{URL: url, Limit: limit}}
}

func (b *cappedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.read += int64(n)
	if b.read > b.limit {
		return n - int(b.read-b.limit), b.tooBig
	}
	return n, err
}

func (b *cappedBody) Close() error { return b.body.Close() }
