// Package bench measures mekiki's throughput on real mail: messages and
// megabytes per second on one core and on all cores, heap allocations
// per message and peak resident memory, reading the mail as a stream so
// that a mailbox of any size runs in bounded memory.
package bench

import (
	"bytes"
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mekiki/mekiki"
)

// Source streams messages to fn; it stops when fn returns an error.
type Source func(ctx context.Context, fn func(data []byte) error) error

// Result is one measured run.
type Result struct {
	Cores         int     `json:"cores"`
	Messages      int     `json:"messages"`
	Bytes         int64   `json:"bytes"`
	Errors        int     `json:"errors"`
	Seconds       float64 `json:"seconds"`
	MsgsPerSec    float64 `json:"msgs_per_sec"`
	MBPerSec      float64 `json:"mb_per_sec"`
	AllocsPerMsg  float64 `json:"allocs_per_msg"`
	AllocBytesMsg float64 `json:"alloc_bytes_per_msg"`
	// PeakRSS is the process's peak resident set during the run, in
	// bytes (Linux; 0 elsewhere).
	PeakRSS int64 `json:"peak_rss_bytes"`
}

// Run analyses every message of src with cores goroutines on cores
// processors (GOMAXPROCS is set for the run and restored after).
func Run(ctx context.Context, a *mekiki.Analyzer, src Source, cores int) (Result, error) {
	if cores < 1 {
		cores = 1
	}
	prev := runtime.GOMAXPROCS(cores)
	defer runtime.GOMAXPROCS(prev)
	runtime.GC()
	resetPeakRSS()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)

	res := Result{Cores: cores}
	jobs := make(chan []byte, 2*cores)
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for range cores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs := 0
			for data := range jobs {
				if _, err := a.Analyze(ctx, bytes.NewReader(data)); err != nil {
					errs++
				}
			}
			mu.Lock()
			res.Errors += errs
			mu.Unlock()
		}()
	}
	err := src(ctx, func(data []byte) error {
		res.Messages++
		res.Bytes += int64(len(data))
		select {
		case jobs <- data:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	close(jobs)
	wg.Wait()
	res.Seconds = time.Since(start).Seconds()
	runtime.ReadMemStats(&after)
	res.PeakRSS = peakRSS()
	if res.Seconds > 0 {
		res.MsgsPerSec = float64(res.Messages) / res.Seconds
		res.MBPerSec = float64(res.Bytes) / 1e6 / res.Seconds
	}
	if res.Messages > 0 {
		res.AllocsPerMsg = float64(after.Mallocs-before.Mallocs) / float64(res.Messages)
		res.AllocBytesMsg = float64(after.TotalAlloc-before.TotalAlloc) / float64(res.Messages)
	}
	return res, err
}

// resetPeakRSS clears the kernel's high-water mark of this process's
// resident set (Linux 4.0+), so each run reports its own peak.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS reads VmHWM from /proc/self/status.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) >= 1 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}
