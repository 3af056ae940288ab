package mekiki

import (
	"context"
	"io"

	"github.com/mekiki/mekiki/mail"
)

// Light analysis reads at most this much of a message, in at most this
// many parts: enough for the header and the first text and HTML parts,
// where the links of a lure are.
const (
	lightMaxSize  = 1 << 20
	lightMaxParts = 16
)

// AnalyzeLight judges a message from its header, origin, authentication
// results and links only, without looking into attachments or reading the
// content phrases, on at most the first MiB of it. It is the cheap
// fallback for a milter or server whose full analysis could not finish in
// time: cheaper by construction and still able to tell a brand spoof with
// a lookalike link. Its report has Light set.
func (a *Analyzer) AnalyzeLight(ctx context.Context, r io.Reader) (*Report, error) {
	return a.analyze(ctx, r, nil, true)
}

// AnalyzeEnvelopeLight is AnalyzeLight for a message received over SMTP
// with env.
func (a *Analyzer) AnalyzeEnvelopeLight(ctx context.Context, r io.Reader, env Envelope) (*Report, error) {
	return a.analyze(ctx, r, &env, true)
}

// lightLimits narrows the parser's limits for a light analysis.
func lightLimits(l mail.Limits) mail.Limits {
	l = l.WithDefaults()
	l.MaxSize = min(l.MaxSize, lightMaxSize)
	l.MaxParts = min(l.MaxParts, lightMaxParts)
	l.MaxPartSize = min(l.MaxPartSize, lightMaxSize)
	return l
}
