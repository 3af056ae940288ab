// Command genmbox writes a large mbox for throughput and memory runs:
// the team's test mails (testdata/*.eml) repeated in turn, each copy with
// its own Message-ID, until the size asked for. Run from the repository
// root: go run ./testdata/genmbox -mb 1024 > /tmp/big.mbox
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
)

var messageID = regexp.MustCompile(`(?mi)^Message-ID:[^\n]*\n`)

func main() {
	mb := flag.Int64("mb", 1024, "size of the mbox in `megabytes`")
	flag.Parse()
	files, _ := filepath.Glob("testdata/*.eml")
	if len(files) == 0 {
		log.Fatal("genmbox: no testdata/*.eml here; run it from the repository root")
	}
	var mails [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			log.Fatal(err)
		}
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
		// mboxrd quoting of body lines that start with "From ".
		b = regexp.MustCompile(`(?m)^(>*From )`).ReplaceAll(b, []byte(">$1"))
		mails = append(mails, b)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()
	var written int64
	for n := 0; written < *mb<<20; n++ {
		m := mails[n%len(mails)]
		id := fmt.Sprintf("Message-ID: <gen-%d@genmbox.example>\n", n)
		body := messageID.ReplaceAll(m, nil)
		k, _ := fmt.Fprintf(w, "From genmbox@example.jp Mon Nov 23 10:00:00 2026\n%s%s\n", id, body)
		written += int64(k)
	}
}
