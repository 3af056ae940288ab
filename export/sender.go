package export

import (
	"errors"
	"fmt"
	netmail "net/mail"
	"strings"
)

// ErrNoSender is the error of ReportSender for an empty address.
var ErrNoSender = errors.New("the report needs your address as its sender")

// ReportSender checks the reporter's address and gives it in header
// form: a report mail always has a From, and one address without line
// breaks.
func ReportSender(from string) (string, error) {
	if strings.TrimSpace(from) == "" {
		return "", ErrNoSender
	}
	if strings.ContainsAny(from, "\r\n") {
		return "", fmt.Errorf("%q holds a line break; give one address", from)
	}
	a, err := netmail.ParseAddress(from)
	if err != nil {
		return "", fmt.Errorf("%q is not a mail address (%v)", from, err)
	}
	if a.Name == "" {
		return a.Address, nil
	}
	return a.String(), nil
}
