package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestServeFlagErrors(t *testing.T) {
	t.Setenv("MEKIKI_TOKEN", "")
	for _, args := range [][]string{
		{"serve", "--max-concurrent", "0"},
		{"serve", "--history-max-bytes", "0"},
		{"serve", "--history-max-entry-bytes", "-1"},
		{"serve", "--allowed-host", "http://mekiki.example/"},
		{"serve", "--allowed-host", "a.example,,b.example"},
	} {
		code, _, errOut := runCLI("", args...)
		if code != exitError || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.HasPrefix(errOut, "mekiki serve: ") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}

// TestServeCommand runs the built binary: it answers on its listen
// address and on the names given with --allowed-host, refuses any other
// Host and a form posted by another site, keeps its history file private,
// and stops on SIGINT with exit 0.
func TestServeCommand(t *testing.T) {
	bin := buildMekiki(t)
	dir := t.TempDir()
	history := filepath.Join(dir, "history.db")
	cmd := exec.Command(bin, "serve", "--listen", "localhost:0", "--history", history, "--no-feeds",
		"--allowed-host", "mekiki.lan,proxy.example:8443", "--allowed-host", "other.lan", "--max-concurrent", "1", "--history-max-bytes", "1048576")
	cmd.Env = append(os.Environ(), "MEKIKI_TOKEN=")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("no address on stdout: %v", err)
	}
	base := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(line), "mekiki serve: "), "/")
	port := base[strings.LastIndexByte(base, ':')+1:]
	get := func(host string) int {
		req, _ := http.NewRequest("GET", base+"/", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	for host, want := range map[string]int{
		"localhost:" + port: 200, "127.0.0.1:" + port: 200, "mekiki.lan": 200, "mekiki.lan:" + port: 200, "other.lan:" + port: 200,
		"proxy.example:8443": 200, "proxy.example:" + port: 421, "evil.example:" + port: 421, "evil.example": 421, "localhost:1": 421,
	} {
		if got := get(host); got != want {
			t.Errorf("Host %s: %d, want %d", host, got, want)
		}
	}
	req, _ := http.NewRequest("POST", base+"/analyze", strings.NewReader("source=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://evil.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("a form from another site: %d", resp.StatusCode)
	}
	if fi, err := os.Stat(history); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("history file: %v %v", fi, err)
	}
	cmd.Process.Signal(syscall.SIGINT)
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit: %v", err)
	}
}
