package mail

import (
	"fmt"
	"strings"
)

// Repair is one kind of damage the reader met and repaired the way mail
// programs do, so that the verdict is reached on what a reader sees.
type Repair struct {
	Kind  string `json:"kind"`  // one of the repair* kinds below
	Count int    `json:"count"` // how many times it was met
	// Deliberate is set for damage honest mailers rarely produce: it hides
	// parts from a strict reader, so it is evidence of evasion.
	Deliberate bool `json:"deliberate"`
}

// The kinds of repair.
const (
	repairColonless    = "header_line_without_colon"
	repairNUL          = "nul_in_header"
	repairBareCR       = "bare_cr_in_header"
	repairOverlong     = "overlong_header_line"
	repairSpaceLine    = "whitespace_line_in_header"
	repairLeadingSpace = "whitespace_first_line"
	repairCRLineEnds   = "cr_line_ends"
	repairNoDelimiter  = "multipart_without_delimiter"
	repairBadBoundary  = "part_boundary_unclosed"
)

// repairWhat says in a sentence what each kind of repair was.
var repairWhat = map[string]string{
	repairColonless:    "header lines without a colon were skipped",
	repairNUL:          "NUL bytes in header lines were dropped",
	repairBareCR:       "bare CRs in header lines were read as white space",
	repairOverlong:     fmt.Sprintf("header lines longer than %d bytes were read whole", maxHeaderLine),
	repairSpaceLine:    "lines of white space in a header block were read as its end or as folding",
	repairLeadingSpace: "lines of white space before the header were skipped",
	repairCRLineEnds:   "lines ending in CR alone were read as lines",
	repairNoDelimiter:  "a multipart body without any boundary line was read as text",
	repairBadBoundary:  "a multipart body never closed by its boundary was read to its end",
}

// deliberateRepair lists the damage honest mailers rarely produce.
var deliberateRepair = map[string]bool{
	repairColonless: true,
	repairNUL:       true,
	repairBareCR:    true,
	repairOverlong:  true,
}

// repairLog counts the repairs of one message, in the order first met.
// A nil log records nothing.
type repairLog struct {
	order []string
	count map[string]int
}

func (r *repairLog) add(kind string, n int) {
	if r == nil || n <= 0 {
		return
	}
	if r.count == nil {
		r.count = map[string]int{}
	}
	if r.count[kind] == 0 {
		r.order = append(r.order, kind)
	}
	r.count[kind] += n
}

// repairs returns the log as Repairs and as one "repair" notice.
func (r *repairLog) repairs() ([]Repair, []Notice) {
	if r == nil || len(r.order) == 0 {
		return nil, nil
	}
	out := make([]Repair, 0, len(r.order))
	what := make([]string, 0, len(r.order))
	for _, k := range r.order {
		out = append(out, Repair{Kind: k, Count: r.count[k], Deliberate: deliberateRepair[k]})
		what = append(what, fmt.Sprintf("%s (%d)", repairWhat[k], r.count[k]))
	}
	return out, []Notice{{Kind: "repair", Detail: strings.Join(what, "; ")}}
}
