// Package dnstest runs a real DNS server (miekg/dns) on a loopback port
// for tests: SPF, DKIM and DMARC records, PTR names and blocklist answers
// come from a zone the test writes, and no query leaves the machine.
package dnstest

import (
	"net"
	"strings"
	"testing"

	"github.com/miekg/dns"
)

// Zone is the test DNS data: name (fully qualified, lower case) → type
// → answers in zone-file form ("192.0.2.1", "10 mx.example.", `"v=spf1 -all"`).
// A name not in the map does not exist (NXDOMAIN); a name present without
// the asked type exists without data (NOERROR, empty).
type Zone map[string]map[uint16][]string

// Serve starts the server on UDP and TCP and returns its address; it
// stops when the test ends.
func Serve(t testing.TB, z Zone) string {
	t.Helper()
	pc, l, err := listenBoth()
	if err != nil {
		t.Fatal(err)
	}
	h := dns.HandlerFunc(func(w dns.ResponseWriter, req *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(req)
		m.Authoritative = true
		q := req.Question[0]
		types, ok := z[strings.ToLower(q.Name)]
		if !ok {
			m.Rcode = dns.RcodeNameError
		}
		for _, rr := range types[q.Qtype] {
			if r, err := dns.NewRR(q.Name + " 60 IN " + dns.TypeToString[q.Qtype] + " " + rr); err == nil {
				m.Answer = append(m.Answer, r)
			}
		}
		w.WriteMsg(m)
	})
	udp := &dns.Server{PacketConn: pc, Handler: h}
	tcp := &dns.Server{Listener: l, Handler: h}
	go udp.ActivateAndServe()
	go tcp.ActivateAndServe()
	t.Cleanup(func() { udp.Shutdown(); tcp.Shutdown() })
	return pc.LocalAddr().String()
}

// listenBoth opens a UDP socket on a free loopback port and TCP on the
// same port. The port the system picked for UDP may be taken for TCP (by
// another test's connections), so a few ports are tried.
func listenBoth() (net.PacketConn, net.Listener, error) {
	var err error
	for range 20 {
		var pc net.PacketConn
		if pc, err = net.ListenPacket("udp", "127.0.0.1:0"); err != nil {
			return nil, nil, err
		}
		var l net.Listener
		if l, err = net.Listen("tcp", pc.LocalAddr().String()); err == nil {
			return pc, l, nil
		}
		pc.Close()
	}
	return nil, nil, err
}
