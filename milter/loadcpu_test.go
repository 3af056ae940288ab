package milter

import (
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cpuSample is CPU time used so far: by the whole machine (/proc/stat),
// by this process (the milter, the DNS server and the probe) and by its
// waited-for children (smtp-source).
type cpuSample struct {
	machine, self, children time.Duration
}

func readCPU() cpuSample {
	var s cpuSample
	if b, err := os.ReadFile("/proc/stat"); err == nil {
		line, _, _ := strings.Cut(string(b), "\n")
		f := strings.Fields(line)
		// user nice system idle iowait irq softirq steal: all but idle
		// and iowait are busy.
		for i := 1; i < len(f) && i <= 8; i++ {
			if i == 4 || i == 5 {
				continue
			}
			n, _ := strconv.ParseInt(f[i], 10, 64)
			s.machine += time.Duration(n) * time.Second / 100 // USER_HZ
		}
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		s.self = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru) == nil {
		s.children = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return s
}

func (s cpuSample) since(o cpuSample) cpuSample {
	return cpuSample{s.machine - o.machine, s.self - o.self, s.children - o.children}
}

// String splits the machine's CPU time: this test process, smtp-source,
// and the rest (Postfix, mostly).
func (s cpuSample) String() string {
	return fmt.Sprintf("machine %.2f (test process: milter, DNS, probe %.2f; smtp-source %.2f; the rest, Postfix %.2f)",
		s.machine.Seconds(), s.self.Seconds(), s.children.Seconds(), (s.machine - s.self - s.children).Seconds())
}

// startProfile writes a CPU profile of this process during the load
// with the milter to $MEKIKI_LOAD_CPUPROFILE, when set.
func startProfile(t *testing.T) func() {
	path := os.Getenv("MEKIKI_LOAD_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		t.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
