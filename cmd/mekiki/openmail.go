package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// openMessage opens the message argument of a one-message command: a
// file, or standard input for "-". It says in one sentence on stderr why
// it cannot (dirHint ends the sentence for a directory) and returns ok
// false; close releases the file.
func openMessage(cmd, arg string, stdin io.Reader, stderr io.Writer, dirHint string) (in io.Reader, name string, close func(), ok bool) {
	if arg == "-" {
		return stdin, "standard input", func() {}, true
	}
	file, err := os.Open(arg)
	if err != nil {
		fmt.Fprintf(stderr, "mekiki %s: cannot open %s: %v.\n", cmd, arg, errors.Unwrap(err))
		return nil, "", nil, false
	}
	if st, err := file.Stat(); err == nil && st.IsDir() {
		file.Close()
		fmt.Fprintf(stderr, "mekiki %s: %s is a directory; %s.\n", cmd, arg, dirHint)
		return nil, "", nil, false
	}
	return file, arg, func() { file.Close() }, true
}
