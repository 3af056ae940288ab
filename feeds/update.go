package feeds

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/mekiki/mekiki/internal/safehttp"
)

// Remote is a feed to download: its name in the store and its address.
type Remote struct {
	Name string
	URL  string
}

// DefaultRemotes are the public feeds `mekiki feeds update` fetches:
// JPCERT/CC's confirmed phishing URLs (github.com/JPCERTCC/phishurl-list,
// one CSV per month under YYYY/YYYYMM.csv; the last three months),
// OpenPhish's community feed (openphish.com/feed.txt) and abuse.ch
// URLhaus's online URLs (urlhaus.abuse.ch/downloads/text_online/).
func DefaultRemotes(now time.Time) []Remote {
	var out []Remote
	for i := range 3 {
		m := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -i, 0)
		out = append(out, Remote{Name: "JPCERT/CC phishurl-list",
			URL: fmt.Sprintf("https://raw.githubusercontent.com/JPCERTCC/phishurl-list/main/%d/%s.csv", m.Year(), m.Format("200601"))})
	}
	return append(out,
		Remote{Name: "OpenPhish", URL: "https://openphish.com/feed.txt"},
		Remote{Name: "URLhaus", URL: "https://urlhaus.abuse.ch/downloads/text_online/"})
}

// MaxFeedBytes bounds one download; a feed that is longer fails and
// nothing of it is imported.
const MaxFeedBytes = 256 << 20

// UpdateResult is what one download did.
type UpdateResult struct {
	Remote Remote
	ImportResult
	Err error
}

// Update downloads each remote with client, whose policy decides what
// may be fetched and sets the timeouts, and imports it. A feed that fails
// is reported and the others still load.
func (s *Store) Update(ctx context.Context, client *safehttp.Client, remotes []Remote) []UpdateResult {
	var out []UpdateResult
	for _, r := range remotes {
		res := UpdateResult{Remote: r}
		res.ImportResult, res.Err = s.fetch(ctx, client, r)
		out = append(out, res)
	}
	return out
}

func (s *Store) fetch(ctx context.Context, client *safehttp.Client, r Remote) (ImportResult, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.URL, nil)
	if err != nil {
		return ImportResult{}, err
	}
	req.Header.Set("User-Agent", "mekiki-feeds-update")
	resp, err := client.Do(req, MaxFeedBytes)
	if err != nil {
		return ImportResult{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return ImportResult{}, fmt.Errorf("the server answered %s", resp.Status)
	}
	return s.Import(resp.Body, r.URL, r.Name)
}
