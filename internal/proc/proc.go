// Package proc runs the real servers that tools and tests start beside
// mekiki (spamd, rspamd, Dovecot, Postfix): stop them gracefully, kill
// them when they hang.
package proc

import (
	"os"
	"os/exec"
	"time"
)

// Stop interrupts cmd's process and waits up to grace for it to exit,
// then kills it.
func Stop(cmd *exec.Cmd, grace time.Duration) {
	if cmd == nil || cmd.Process == nil {
		return
	}
	cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(grace):
		cmd.Process.Kill()
		<-done
	}
}
