package bench

import (
	"context"
	"errors"
	"testing"

	"github.com/mekiki/mekiki"
)

func TestRunCountsEveryMessage(t *testing.T) {
	a, _ := mekiki.New(mekiki.Options{})
	msg := []byte("From: a@example.jp\r\nSubject: hi\r\n\r\nhello\r\n")
	src := func(ctx context.Context, fn func([]byte) error) error {
		for range 100 {
			if err := fn(msg); err != nil {
				return err
			}
		}
		return nil
	}
	for _, cores := range []int{1, 2} {
		r, err := Run(context.Background(), a, src, cores)
		if err != nil || r.Messages != 100 || r.Bytes != int64(100*len(msg)) || r.Errors != 0 || r.Cores != cores {
			t.Fatalf("cores %d: %+v %v", cores, r, err)
		}
		if r.MsgsPerSec <= 0 || r.AllocsPerMsg <= 0 {
			t.Errorf("cores %d: rates %+v", cores, r)
		}
	}
}

func TestRunStopsOnSourceError(t *testing.T) {
	a, _ := mekiki.New(mekiki.Options{})
	boom := errors.New("disk gone")
	_, err := Run(context.Background(), a, func(context.Context, func([]byte) error) error { return boom }, 1)
	if !errors.Is(err, boom) {
		t.Errorf("error %v", err)
	}
}
