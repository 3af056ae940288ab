package eval

import (
	"embed"
	"path"
	"sort"
)

// hardNegatives are the team's genuine-looking Japanese brand notices
// (eval/hardneg, written by eval/hardneg/gen.py): the legitimate
// Japanese brand mail the public corpus lacks.
//
//go:embed hardneg/*.eml
var hardNegatives embed.FS

// HardNegatives returns the team's hard negatives as ham items that
// belong to every split.
func HardNegatives() []Item {
	names, _ := hardNegatives.ReadDir("hardneg")
	var items []Item
	for _, n := range names {
		p := path.Join("hardneg", n.Name())
		data, err := hardNegatives.ReadFile(p)
		if err != nil {
			continue
		}
		items = append(items, Item{Path: "(team) " + p, Label: Ham, Lang: "ja", Data: data, Always: true})
	}
	sort.Slice(items, func(i, j int) bool { return items[i].Path < items[j].Path })
	return items
}
