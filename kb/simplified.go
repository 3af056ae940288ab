package kb

import (
	"bufio"
	"strings"
)

// loadSimplified reads kb/data/simplified_han.txt: lines of characters,
// "#" lines are comments.
func loadSimplified(data string) map[rune]bool {
	set := map[rune]bool{}
	sc := bufio.NewScanner(strings.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, r := range line {
			set[r] = true
		}
	}
	return set
}

// IsSimplifiedOnly reports whether r is a Han character of Simplified
// Chinese that Japanese does not use (not in JIS X 0208 or 0213).
func (k *KB) IsSimplifiedOnly(r rune) bool { return k.simplified[r] }
