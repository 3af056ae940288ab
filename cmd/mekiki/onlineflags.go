package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/online"
)

// onlineFlags turn on the network look-ups (analyze and scan share them).
type onlineFlags struct {
	on                bool
	resolver          string
	deadline, timeout time.Duration
	dnsbl, uribl      string
	geoCountry        string
	geoASN            string
	cache             string
	noCache           bool
	newDomainDays     int
	rdapBootstrap     string
}

func (o *onlineFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&o.on, "online", false, "look things up on the network: sender domains, reverse DNS, DNS blocklists (off by default)")
	fs.StringVar(&o.resolver, "resolver", "", "DNS server `host:port` for --online, also for the RDAP servers' names (default: the system's)")
	fs.DurationVar(&o.deadline, "online-deadline", 3*time.Second, "time allowed for all look-ups of one message")
	fs.DurationVar(&o.timeout, "lookup-timeout", time.Second, "time allowed for one look-up")
	fs.StringVar(&o.dnsbl, "dnsbl", strings.Join(online.DefaultDNSBLZones, ","), "comma-separated IP blocklist `zones` for the originating server")
	fs.StringVar(&o.uribl, "uribl", strings.Join(online.DefaultURIBLZones, ","), "comma-separated domain blocklist `zones` for link domains")
	fs.StringVar(&o.cache, "online-cache", "", "SQLite `file` caching online answers (default "+online.DefaultCachePath()+")")
	fs.BoolVar(&o.noCache, "no-online-cache", false, "do not cache online answers")
	fs.IntVar(&o.newDomainDays, "new-domain-days", 30, "with --online: a domain registered within this many `days` is new (url.new_domain)")
	fs.StringVar(&o.rdapBootstrap, "rdap-bootstrap", "", "RDAP bootstrap `file` (default: the one 'mekiki rdap refresh' keeps, else the embedded excerpt)")
	fs.StringVar(&o.geoCountry, "geoip-country", "", "MaxMind-format country database `file` (GeoLite2-Country, DB-IP Country Lite); read locally")
	fs.StringVar(&o.geoASN, "geoip-asn", "", "MaxMind-format ASN database `file` (GeoLite2-ASN, DB-IP ASN Lite); read locally")
}

// apply sets opts.GeoIP when databases are given (they are local files
// and need no --online) and opts.Online when --online is given; the
// returned function closes the databases.
func (o *onlineFlags) apply(opts *mekiki.Options) (func(), error) {
	closer := func() {}
	if o.geoCountry != "" || o.geoASN != "" {
		g, err := online.OpenGeoIP(o.geoCountry, o.geoASN)
		if err != nil {
			return closer, err
		}
		opts.GeoIP, closer = g, g.Close
	}
	if !o.on {
		if o.resolver != "" {
			return closer, fmt.Errorf("--resolver needs --online")
		}
		return closer, nil
	}
	if o.deadline <= 0 || o.timeout <= 0 {
		return closer, fmt.Errorf("--online-deadline and --lookup-timeout must be positive")
	}
	cfg := online.Config{Resolver: o.resolver, Deadline: o.deadline, LookupTimeout: o.timeout,
		DNSBLZones: commaList(o.dnsbl), URIBLZones: commaList(o.uribl), GeoIP: opts.GeoIP, NewDomainDays: o.newDomainDays}
	bsPath := o.rdapBootstrap
	if bsPath == "" {
		bsPath = online.DefaultBootstrapPath()
	} else if _, err := os.Stat(bsPath); err != nil {
		return closer, fmt.Errorf("cannot read the RDAP bootstrap file %s", bsPath)
	}
	bs, err := online.LoadBootstrap(bsPath)
	if err != nil {
		return closer, err
	}
	cfg.Bootstrap = bs
	if !o.noCache {
		path := o.cache
		if path == "" {
			path = online.DefaultCachePath()
		}
		c, err := online.OpenCache(path)
		if err != nil {
			return closer, fmt.Errorf("cannot open the online cache: %w", err)
		}
		cfg.Cache = c
		prev := closer
		closer = func() { c.Close(); prev() }
	}
	opts.Online = online.New(cfg)
	return closer, nil
}

// commaList splits a comma-separated flag value, dropping empty items.
func commaList(s string) []string {
	out := []string{}
	for _, z := range strings.Split(s, ",") {
		if z = strings.TrimSpace(z); z != "" {
			out = append(out, z)
		}
	}
	return out
}

// analyzerFlags are what scan and serve share: the knowledge base and
// feeds, and the online look-ups.
type analyzerFlags struct {
	knowledge knowledgeFlags
	online    onlineFlags
}

func (f *analyzerFlags) register(fs *flag.FlagSet) {
	f.knowledge.register(fs)
	f.online.register(fs)
}

// build makes the analyzer; the returned function releases the feed
// store, the cache and the GeoIP databases.
func (f *analyzerFlags) build(opts mekiki.Options) (*mekiki.Analyzer, mekiki.Options, func(), error) {
	closeFeeds, err := f.knowledge.apply(&opts)
	if err != nil {
		return nil, opts, closeFeeds, err
	}
	closeOnline, err := f.online.apply(&opts)
	closeAll := func() { closeOnline(); closeFeeds() }
	if err != nil {
		return nil, opts, closeAll, err
	}
	a, err := mekiki.New(opts)
	return a, opts, closeAll, err
}
