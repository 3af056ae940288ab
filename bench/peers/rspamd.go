package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"
)

// rspamdNetworkModules are the modules that ask the network (DNS lists,
// remote maps, Redis, HTTP); all are turned off for an offline run.
// hfilter is among them: offline, its host-name look-ups fail and it
// would score every sender as unresolvable.
var rspamdNetworkModules = []string{"rbl", "surbl", "spf", "dkim", "dmarc", "arc", "asn", "fuzzy_check", "emails",
	"url_redirector", "phishing", "dcc", "ratelimit", "replies", "greylist", "neural", "clickhouse", "mx_check",
	"reputation", "rspamd_update", "history_redis", "metadata_exporter", "external_services", "p0f", "spamtrap",
	"dkim_signing", "arc_signing", "milter_headers", "elastic", "bayes_expiry", "known_senders", "hfilter"}

// rspamd runs Debian's rspamd on loopback from a private copy of its
// configuration, network modules off and DNS pointed at a closed port.
type rspamd struct {
	addr string
	cmd  *exec.Cmd
	http *http.Client
}

func startRspamd(work string, workers int) (*rspamd, error) {
	base := filepath.Join(work, "rspamd")
	etc := filepath.Join(base, "etc")
	os.RemoveAll(base)
	if err := copyDir("/etc/rspamd", etc); err != nil {
		return nil, fmt.Errorf("copy /etc/rspamd (is rspamd installed?): %w", err)
	}
	for _, d := range []string{"db", "run", "log"} {
		os.MkdirAll(filepath.Join(base, d), 0o777)
		os.Chmod(filepath.Join(base, d), 0o777)
	}
	port := freePort()
	addr := "127.0.0.1:" + strconv.Itoa(port)
	local := filepath.Join(etc, "local.d")
	os.MkdirAll(local, 0o755)
	write := func(name, text string) { os.WriteFile(filepath.Join(local, name), []byte(text), 0o644) }
	write("worker-normal.inc", fmt.Sprintf("bind_socket = %q;\ncount = %d;\n", addr, workers))
	write("worker-controller.inc", "bind_socket = \"127.0.0.1:"+strconv.Itoa(freePort())+"\";\n")
	write("worker-proxy.inc", "bind_socket = \"127.0.0.1:"+strconv.Itoa(freePort())+"\";\nmilter = false;\n")
	write("options.inc", "dns { nameserver = [\"127.0.0.1:1\"]; timeout = 0.05s; retransmits = 0; }\n")
	write("redis.conf", "")
	write("classifier-bayes.conf", "enabled = false;\n")
	for _, m := range rspamdNetworkModules {
		write(m+".conf", "enabled = false;\n")
	}
	r := &rspamd{addr: addr, http: &http.Client{Timeout: 120 * time.Second}}
	r.cmd = exec.Command("/usr/bin/rspamd", "-f", "-u", "_rspamd", "-g", "_rspamd", "-c", filepath.Join(etc, "rspamd.conf"),
		"--var=CONFDIR="+etc, "--var=LOCAL_CONFDIR="+etc, "--var=DBDIR="+filepath.Join(base, "db"),
		"--var=RUNDIR="+filepath.Join(base, "run"), "--var=LOGDIR="+filepath.Join(base, "log"))
	if err := startDaemon(r.cmd, work, "rspamd", addr); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *rspamd) stop() { stopDaemon(r.cmd) }

// check posts one message to /checkv2. Rspamd's own default: spam when
// its action is "reject", "add header" or "rewrite subject" (score ≥ 6
// with the stock actions); greylisting is not a verdict.
func (r *rspamd) check(msg []byte) (bool, float64, error) {
	resp, err := r.http.Post("http://"+r.addr+"/checkv2", "message/rfc822", bytes.NewReader(msg))
	if err != nil {
		return false, 0, err
	}
	defer resp.Body.Close()
	var out struct {
		Action string  `json:"action"`
		Score  float64 `json:"score"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return false, 0, fmt.Errorf("rspamd: %w", err)
	}
	switch out.Action {
	case "reject", "add header", "rewrite subject":
		return true, out.Score, nil
	}
	return false, out.Score, nil
}
