package milter

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the milter's Prometheus series.
type Metrics struct {
	registry *prometheus.Registry
	// messages counts judged and passed messages by verdict ("error" when
	// none was reached) and the action taken.
	messages *prometheus.CounterVec
	// failures counts messages passed without a verdict (neither analysis
	// judged them), by the full analysis' reason: timeout, overload, error.
	failures *prometheus.CounterVec
	// degraded counts messages judged by the light analysis, by the full
	// analysis' reason.
	degraded *prometheus.CounterVec
	// latency is the time from end of data to the reply, analysis and
	// policy included.
	latency       prometheus.Histogram
	inFlight      prometheus.Gauge
	lightInFlight prometheus.Gauge
	conns         prometheus.Gauge
	refused       prometheus.Counter
	// closed counts connections the milter closed: idle (the idle
	// timeout), evicted (to admit a new one at max connections).
	closed      *prometheus.CounterVec
	reloads     *prometheus.CounterVec
	allowListed prometheus.Counter
	// negotiated counts connections by the milter protocol version
	// settled with the MTA.
	negotiated *prometheus.CounterVec
	// packets counts the packets written to the MTA.
	packets prometheus.Counter
}

// NewMetrics makes the series in a registry of their own, with the Go
// runtime and process collectors beside them.
func NewMetrics() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "mekiki_milter_messages_total",
			Help: "Messages at end of data, by verdict (clean, suspicious, phishing, or none when the analysis failed) and action (none, tag, hold, reject, pass, tempfail)."},
			[]string{"verdict", "action"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "mekiki_milter_failures_total",
			Help: "Messages neither the full nor the light analysis judged, by the full analysis' reason (timeout, overload, error); they were passed untouched, or tempfailed with --fail-closed."},
			[]string{"reason"}),
		degraded: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "mekiki_milter_degraded_total",
			Help: "Messages judged by the light analysis (header, origin, authentication, links) because the full one did not finish, by reason (timeout, overload, error); they are marked X-Mekiki-Analysis: light."},
			[]string{"reason"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "mekiki_milter_latency_seconds",
			Help:    "Time the milter added at end of data: analysis, policy and header changes.",
			Buckets: []float64{.0005, .001, .002, .005, .01, .02, .05, .1, .2, .5, 1, 2, 5, 10}}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{Name: "mekiki_milter_analyses_in_flight",
			Help: "Full analyses running now (one past its timeout until it stops)."}),
		lightInFlight: prometheus.NewGauge(prometheus.GaugeOpts{Name: "mekiki_milter_light_analyses_in_flight",
			Help: "Light analyses running now."}),
		conns: prometheus.NewGauge(prometheus.GaugeOpts{Name: "mekiki_milter_connections",
			Help: "Open milter connections from the MTA."}),
		refused: prometheus.NewCounter(prometheus.CounterOpts{Name: "mekiki_milter_connections_refused_total",
			Help: "Connections closed at once because --max-connections were open and each had a message being judged (the MTA applies milter_default_action)."}),
		closed: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "mekiki_milter_connections_closed_total",
			Help: "Connections the milter closed, by reason: idle (nothing sent within --idle-timeout), evicted (the longest idle, to admit a new one at --max-connections); the MTA applies milter_default_action to the rest of their SMTP sessions."},
			[]string{"reason"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "mekiki_milter_reloads_total",
			Help: "Reloads of the policy and knowledge (SIGHUP), by result (ok, error)."}, []string{"result"}),
		allowListed: prometheus.NewCounter(prometheus.CounterOpts{Name: "mekiki_milter_allow_listed_total",
			Help: "Messages exempted from actions by an allow-list."}),
		negotiated: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "mekiki_milter_connections_negotiated_total",
			Help: "Connections from the MTA by the milter protocol version negotiated (6: no reply before end of data, header values with their leading space)."},
			[]string{"version"}),
		packets: prometheus.NewCounter(prometheus.CounterOpts{Name: "mekiki_milter_packets_sent_total",
			Help: "Milter protocol packets written to the MTA: negotiations, replies and header changes."}),
	}
	// The degraded and closed series exist from the start, at zero, for
	// rates and alerts.
	for _, r := range []string{"timeout", "overload", "error"} {
		m.degraded.WithLabelValues(r)
	}
	for _, r := range []string{"idle", "evicted"} {
		m.closed.WithLabelValues(r)
	}
	m.registry.MustRegister(m.messages, m.failures, m.degraded, m.latency, m.inFlight, m.lightInFlight, m.conns, m.refused, m.closed,
		m.reloads, m.allowListed, m.negotiated, m.packets, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// Registry is where the series live, for tests and embedding.
func (m *Metrics) Registry() *prometheus.Registry { return m.registry }

// Reloaded counts a reload by its result.
func (m *Metrics) Reloaded(ok bool) {
	if ok {
		m.reloads.WithLabelValues("ok").Inc()
	} else {
		m.reloads.WithLabelValues("error").Inc()
	}
}
