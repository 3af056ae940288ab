package mekiki_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/mekiki/mekiki"
)

type panicReader struct{}

func (panicReader) Read([]byte) (int, error) { panic("reader exploded") }

func TestAnalyzeRecoversFromPanics(t *testing.T) {
	a, _ := mekiki.New(mekiki.Options{})
	_, err := a.Analyze(context.Background(), panicReader{})
	if err == nil || !strings.Contains(err.Error(), "internal error") {
		t.Errorf("err = %v, want an internal error", err)
	}
}

func TestAnalyzeHonoursContext(t *testing.T) {
	a, _ := mekiki.New(mekiki.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := a.Analyze(ctx, strings.NewReader("From: a@example.jp\n\nx")); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestAnalyzeReadError(t *testing.T) {
	a, _ := mekiki.New(mekiki.Options{})
	if _, err := a.Analyze(context.Background(), failingReader{}); err == nil || !strings.Contains(err.Error(), "cannot read") {
		t.Errorf("err = %v", err)
	}
}
