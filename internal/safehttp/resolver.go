package safehttp

import (
	"context"
	"net"
)

// Resolver returns the resolver for server ("host:port"): Go's own,
// asking only that server, so that every host name mekiki looks up —
// DNS look-ups and the hosts it fetches from alike — goes there. An
// empty server is the system's resolver.
func Resolver(server string) *net.Resolver {
	if server == "" {
		return net.DefaultResolver
	}
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, server)
	}}
}
