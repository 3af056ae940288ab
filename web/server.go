// Package web serves mekiki to people who will not open a terminal: a page
// to drop or paste a mail and see the verdict with its evidence and a safe
// preview, and an HTTP API (POST /api/v1/analyze) that returns the report
// contract.
package web

import (
	"bytes"
	"context"
	"crypto/subtle"
	"embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/export"
	"github.com/mekiki/mekiki/mail"
	"github.com/mekiki/mekiki/show"
)

//go:embed assets
var assets embed.FS

// Server holds what the handlers share.
type Server struct {
	Analyzer *mekiki.Analyzer
	// Token, when set, is required: "Authorization: Bearer TOKEN" on the
	// API, and once as ?token= (then a cookie) on the page.
	Token string
	// MaxBytes bounds an uploaded message (default 32 MiB).
	MaxBytes int64
	// Timeout bounds one analysis (default 10 s).
	Timeout time.Duration
	// History, when set, keeps the analyses made on the page.
	History *History
	// AllowedHosts are the names, besides localhost and the addresses the
	// server is reached at, that a request's Host may give: "name" (any
	// port) or "name:port". Any other Host is refused (DNS rebinding).
	AllowedHosts []string
	// MaxConcurrent bounds the analyses that run at once (default twice
	// the CPUs); beyond it requests are answered 503 with Retry-After.
	MaxConcurrent int
	// ReportFrom is the sender of council reports when the page's form
	// gives none (serve --report-from, $MEKIKI_REPORT_FROM).
	ReportFrom string

	tmpl  *template.Template
	slots chan struct{}
	// analysing, when set (by tests), is called while a slot is held.
	analysing func()
}

// csp forbids everything the page does not need: its own script and
// style, images only as data:, frames only the sandboxed preview.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; " +
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// Handler returns the routes.
func (s *Server) Handler() http.Handler {
	if s.MaxBytes <= 0 {
		s.MaxBytes = mail.DefaultLimits.MaxSize
	}
	if s.Timeout <= 0 {
		s.Timeout = 10 * time.Second
	}
	if s.MaxConcurrent <= 0 {
		s.MaxConcurrent = 2 * runtime.NumCPU()
	}
	s.slots = make(chan struct{}, s.MaxConcurrent)
	s.tmpl = template.Must(template.New("").Funcs(funcs).ParseFS(assets, "assets/*.html"))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.page(s.index))
	mux.HandleFunc("POST /analyze", s.page(s.limited(s.analyzeForm)))
	mux.HandleFunc("POST /show", s.page(s.limited(s.showMail)))
	mux.HandleFunc("POST /api/v1/analyze", s.api(s.limited(s.analyzeAPI)))
	mux.HandleFunc("GET /history/{id}", s.page(s.limited(s.historyOpen)))
	mux.HandleFunc("POST /history/{id}/delete", s.page(s.historyDelete))
	mux.HandleFunc("POST /report/council", s.page(s.limited(s.download(s.councilReport))))
	mux.HandleFunc("POST /report/json", s.page(s.limited(s.download(func(_ *http.Request, rep *mekiki.Report, raw []byte) (string, string, []byte, error) {
		b, _ := json.MarshalIndent(rep, "", "  ")
		return "mekiki-report.json", "application/json", b, nil
	}))))
	mux.HandleFunc("POST /iocs/stix", s.page(s.limited(s.download(func(_ *http.Request, rep *mekiki.Report, raw []byte) (string, string, []byte, error) {
		var b bytes.Buffer
		export.WriteSTIX(&b, export.IOCs(rep), time.Now())
		return "iocs-stix.json", "application/json", b.Bytes(), nil
	}))))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"status":"ok"}`)
	})
	mux.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		b, _ := assets.ReadFile("assets/openapi.json")
		w.Header().Set("Content-Type", "application/json")
		w.Write(b)
	})
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(mustSub("assets/static"))))
	return securityHeaders(s.guard(mux))
}

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		w.Header().Set("X-Frame-Options", "DENY")
		h.ServeHTTP(w, r)
	})
}

// apiError writes one clear JSON error.
func apiError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func (s *Server) authorised(r *http.Request) bool {
	if s.Token == "" {
		return true
	}
	got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if c, err := r.Cookie("mekiki_token"); err == nil && got == "" {
		got = c.Value
	}
	if q := r.URL.Query().Get("token"); q != "" {
		got = q
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.Token)) == 1
}

func (s *Server) api(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.authorised(r) {
			apiError(w, http.StatusUnauthorized, "a valid bearer token is required (Authorization: Bearer TOKEN)")
			return
		}
		h(w, r)
	}
}

func (s *Server) page(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.authorised(r) {
			http.Error(w, "トークンが必要です / a token is required (?token=…)", http.StatusUnauthorized)
			return
		}
		if q := r.URL.Query().Get("token"); q != "" {
			http.SetCookie(w, &http.Cookie{Name: "mekiki_token", Value: q, HttpOnly: true, SameSite: http.SameSiteStrictMode, Path: "/"})
		}
		h(w, r)
	}
}

// analyze reads one message and judges it within the timeout.
func (s *Server) analyze(ctx context.Context, raw []byte) (*mekiki.Report, *mail.Message, error) {
	m, err := mail.ParseBytes(raw, mail.Limits{})
	if err != nil {
		return nil, nil, err
	}
	if s.analysing != nil {
		s.analysing()
	}
	ctx, cancel := context.WithTimeout(ctx, s.Timeout)
	defer cancel()
	return s.Analyzer.AnalyzeMessageContext(ctx, m), m, nil
}

func (s *Server) analyzeAPI(w http.ResponseWriter, r *http.Request) {
	var raw []byte
	var err error
	if r.ContentLength <= s.MaxBytes {
		raw, err = io.ReadAll(http.MaxBytesReader(w, r.Body, s.MaxBytes))
	}
	var tooBig *http.MaxBytesError
	switch {
	case r.ContentLength > s.MaxBytes || errors.As(err, &tooBig):
		apiError(w, http.StatusRequestEntityTooLarge, "the message is larger than the limit of "+humanBytes(s.MaxBytes))
		return
	case err != nil:
		apiError(w, http.StatusBadRequest, "the request body could not be read")
		return
	case len(bytes.TrimSpace(raw)) == 0:
		apiError(w, http.StatusBadRequest, "the request body is empty; send the raw message (RFC 5322) as the body")
		return
	}
	rep, _, err := s.analyze(r.Context(), raw)
	if err != nil {
		apiError(w, http.StatusUnprocessableEntity, "this is not a mail message: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(rep)
}

// Bounds of what one report page shows, whatever the mail holds: the
// page must stay small enough for a browser to open. The downloads carry
// everything.
const (
	maxRows     = 1000    // links, attachments
	maxIOCLines = 2000    // lines of the IOC box
	maxJSON     = 1 << 20 // bytes of the JSON box
)

// view is what the report template shows.
type view struct {
	Lang     string
	Report   *mekiki.Report
	Findings []findingView
	// Verdict and VerdictNote are the banner's verdict word and the note
	// under it; Summary is the report's sentence in Lang; Advice its
	// steps in Lang; Combos its combinations of evidence.
	Verdict, VerdictNote, Summary string
	Advice                        []stepView
	Combos                        []comboView
	Preview                       string
	// PreviewSize is the class sizing the preview frame to its text.
	PreviewSize string
	// JSON is the report contract, empty when it is larger than maxJSON.
	JSON         string
	JSONTooLarge bool
	Error        string
	// Raw is the message, base64 in the URL alphabet (which an HTML
	// attribute carries unescaped), held once by the download form.
	Raw string
	// ReportFrom fills the council form's sender (Server.ReportFrom).
	ReportFrom string
	// Recent are the last analyses (index page); HistoryID is this one's,
	// HistoryNote why it was not kept.
	Recent      []Entry
	HistoryID   int64
	HistoryNote string
	// Links and Attachments are the report's first maxRows; LinksMore and
	// AttachmentsMore count the others.
	Links           []linkView
	LinksMore       int
	Attachments     []attachmentView
	AttachmentsMore int
	// IOCs is the IOC box, one indicator a line; IOCsMore counts the
	// indicators left out of it.
	IOCs     string
	IOCsMore int
	// Route is the Received chain, oldest hop first.
	Route []hopView
	// Auth are the receiving side's SPF/DKIM/DMARC results, as written.
	Auth []string
}

// hopView is one Received hop as the route shows it.
type hopView struct {
	From, IP, By, Time string
	Origin             bool
}

// download re-analyses the message the report page carries and returns
// a file built from it.
func (s *Server) download(build func(*http.Request, *mekiki.Report, []byte) (name, ctype string, body []byte, err error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > 2*s.MaxBytes {
			http.Error(w, "the message is larger than the limit of "+humanBytes(s.MaxBytes), http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, 2*s.MaxBytes)
		raw, err := decodeRaw(r.FormValue("raw"))
		if err != nil || len(raw) == 0 || int64(len(raw)) > s.MaxBytes {
			http.Error(w, "メールが送られていません。 / No message was sent.", http.StatusBadRequest)
			return
		}
		rep, _, err := s.analyze(r.Context(), raw)
		if err != nil {
			http.Error(w, "メールとして読めませんでした。 / The input could not be read as a mail.", http.StatusUnprocessableEntity)
			return
		}
		name, ctype, body, err := build(r, rep, raw)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
		w.Write(body)
	}
}

// decodeRaw reads the download form's message: base64 in the URL
// alphabet, as the page writes it, or the standard one.
func decodeRaw(s string) ([]byte, error) {
	if strings.ContainsAny(s, "+/") {
		return base64.StdEncoding.DecodeString(s)
	}
	return base64.URLEncoding.DecodeString(s)
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	v := view{Lang: lang(r)}
	if s.History != nil {
		v.Recent, _ = s.History.Recent(20)
	}
	s.render(w, "index.html", v)
}

func historyID(r *http.Request) int64 {
	var id int64
	fmt.Sscan(r.PathValue("id"), &id)
	return id
}

func (s *Server) historyOpen(w http.ResponseWriter, r *http.Request) {
	if s.History == nil {
		http.NotFound(w, r)
		return
	}
	raw, err := s.History.Raw(historyID(r))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	v := view{Lang: lang(r), HistoryID: historyID(r)}
	s.reportView(r, &v, raw)
	s.render(w, "report.html", v)
}

func (s *Server) historyDelete(w http.ResponseWriter, r *http.Request) {
	if s.History != nil {
		s.History.Delete(historyID(r))
	}
	http.Redirect(w, r, "/?lang="+lang(r), http.StatusSeeOther)
}

// reportView fills v with the analysis of raw.
func (s *Server) reportView(r *http.Request, v *view, raw []byte) {
	rep, m, err := s.analyze(r.Context(), raw)
	if err != nil {
		v.Error = readError(v.Lang, err)
		return
	}
	v.Report, v.Preview, v.Findings = rep, Preview(m), findingViews(rep, v.Lang)
	v.PreviewSize = previewSize(v.Preview)
	v.Verdict, v.VerdictNote = verdictWords(v.Lang, rep.Verdict)
	v.Summary = msg(v.Lang, rep.SummaryJA, rep.SummaryEN)
	v.Advice = adviceViews(rep.Advice, v.Lang)
	v.Combos = comboViews(rep, v.Lang, findingTitles(rep, v.Lang))
	v.Raw = base64.URLEncoding.EncodeToString(raw)
	v.ReportFrom = s.ReportFrom
	if b, _ := json.MarshalIndent(rep, "", "  "); len(b) <= maxJSON {
		v.JSON = string(b)
	} else {
		v.JSONTooLarge = true
	}
	v.setRows(rep)
	for _, a := range m.AuthResults {
		if len(v.Auth) < 8 {
			v.Auth = append(v.Auth, fmt.Sprintf("%s=%s %s (%s)", a.Method, a.Result, a.Domain, a.ServID))
		}
	}
	for i := len(m.Received) - 1; i >= 0 && len(v.Route) < 20; i-- {
		h := m.Received[i]
		hv := hopView{From: h.From, By: h.By}
		if h.IP.IsValid() {
			hv.IP = h.IP.String()
			hv.Origin = hv.IP == rep.Message.Origin.IP
		}
		if t := h.Time(); !t.IsZero() {
			hv.Time = t.Format("2006-01-02 15:04:05 MST")
		}
		v.Route = append(v.Route, hv)
	}
}

func (s *Server) analyzeForm(w http.ResponseWriter, r *http.Request) {
	v := view{Lang: lang(r)}
	tooLarge := msg(v.Lang, "メールが大きすぎます（上限 "+humanBytes(s.MaxBytes)+"）。", "The mail is larger than the limit of "+humanBytes(s.MaxBytes)+".")
	limit := s.MaxBytes + 1<<20 // the mail and the form around it
	if r.ContentLength > limit {
		s.formError(w, v, http.StatusRequestEntityTooLarge, tooLarge)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	var raw []byte
	var tooBig *http.MaxBytesError
	failed := msg(v.Lang, "送信に失敗しました。もう一度お試しください。", "The upload failed; try again.")
	if err := r.ParseMultipartForm(4 << 20); errors.As(err, &tooBig) {
		s.formError(w, v, http.StatusRequestEntityTooLarge, tooLarge)
		return
	} else if err != nil && !errors.Is(err, http.ErrNotMultipart) {
		s.formError(w, v, http.StatusBadRequest, failed)
		return
	}
	if f, _, err := r.FormFile("mail"); err == nil {
		raw, err = io.ReadAll(io.LimitReader(f, s.MaxBytes+1))
		f.Close()
		if err != nil {
			s.formError(w, v, http.StatusBadRequest, failed)
			return
		}
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		raw = []byte(r.FormValue("source"))
	}
	if int64(len(raw)) > s.MaxBytes {
		s.formError(w, v, http.StatusRequestEntityTooLarge, tooLarge)
		return
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		s.formError(w, v, http.StatusBadRequest, msg(v.Lang, "メールのファイルを選ぶか、ソースを貼り付けてください。", "Choose a mail file or paste its source."))
		return
	}
	if s.reportView(r, &v, raw); v.Error != "" {
		s.formError(w, v, http.StatusBadRequest, v.Error)
		return
	}
	if s.History != nil {
		id, err := s.History.Add(v.Report.Message.Subject, v.Report.Verdict, v.Report.Score, raw)
		switch {
		case errors.Is(err, ErrEntryTooLarge):
			v.HistoryNote = msg(v.Lang, "このメールは大きいため、履歴には残しません。", "This mail is too large to keep in the history.")
		case err == nil:
			v.HistoryID = id
		}
	}
	s.render(w, "report.html", v)
}

// formError shows the index page again with one error.
func (s *Server) formError(w http.ResponseWriter, v view, code int, e string) {
	v.Error = e
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	s.tmpl.ExecuteTemplate(w, "index.html", v)
}

// firstRows is rows cut to maxRows, and how many were cut.
func firstRows[T any](rows []T) ([]T, int) {
	if len(rows) <= maxRows {
		return rows, 0
	}
	return rows[:maxRows], len(rows) - maxRows
}

// iocLines is the IOC box's text, at most maxIOCLines, and how many
// indicators did not fit.
func iocLines(iocs mekiki.IOCs) (string, int) {
	var b strings.Builder
	lines, more := 0, 0
	add := func(line string) {
		if lines == maxIOCLines {
			more++
			return
		}
		b.WriteString(line + "\n")
		lines++
	}
	for _, list := range [][]string{iocs.URLs, iocs.Domains, iocs.IPs, iocs.Emails} {
		for _, s := range list {
			add(s)
		}
	}
	for _, a := range iocs.Attachments {
		add(a.SHA256 + "  " + a.Name)
	}
	return b.String(), more
}

func (s *Server) render(w http.ResponseWriter, name string, v view) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	s.tmpl.ExecuteTemplate(w, name, v)
}

// lang is the page's language, from the URL only: reading the form here
// would read a whole upload before its limits apply.
func lang(r *http.Request) string {
	if r.URL.Query().Get("lang") == "en" {
		return "en"
	}
	return "ja"
}

func msg(lang, ja, en string) string {
	if lang == "en" {
		return en
	}
	return ja
}

func humanBytes(n int64) string { return fmt.Sprintf("%d MiB", n>>20) }

// funcs are the template helpers.
var funcs = template.FuncMap{
	"t": func(lang, ja, en string) string { return msg(lang, ja, en) },
	"sev": func(lang, s string) string {
		ja := map[string]string{"high": "高", "medium": "中", "low": "低", "info": "情報"}
		if lang == "en" {
			return s
		}
		return ja[s]
	},
	// verdict is the verdict as one word; a clean one says nothing
	// conclusive was found, never "safe".
	"verdict": verdictWord,
	"srcdoc": func(body string) string {
		return `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
			`<style>body{font-family:"Hiragino Sans","Noto Sans CJK JP","Noto Sans JP","Yu Gothic",Meiryo,sans-serif;margin:8px;font-size:14px;color:#222}.link{color:#0645ad;text-decoration:underline}.href{color:#b00;font-size:12px;word-break:break-all}.img{color:#777}` +
			`.rescued{border-top:2px solid #e08a00;margin-top:12px}.rescued .note{color:#8a4b00;font-size:12px}</style>` + body
	},
	"join": strings.Join,
	// visible writes the characters of mail text that would not show as
	// themselves (U+202E …) as "[U+202E]".
	"visible": show.Visible,
	// marks shows the differing characters an evidence value brackets
	// ("micr[0]s[0]ft") highlighted; the rest stays escaped text.
	"marks": func(s string) template.HTML {
		e := template.HTMLEscapeString(s)
		if !strings.Contains(e, "[") {
			return template.HTML(e)
		}
		var b strings.Builder
		for {
			i := strings.IndexByte(e, '[')
			j := strings.IndexByte(e, ']')
			if i < 0 || j < i || j-i > 8 {
				b.WriteString(e)
				return template.HTML(b.String())
			}
			b.WriteString(e[:i] + "<mark>" + e[i+1:j] + "</mark>")
			e = e[j+1:]
		}
	},
}

func mustSub(dir string) fs.FS {
	sub, err := fs.Sub(assets, dir)
	if err != nil {
		panic(err)
	}
	return sub
}

// councilReport builds the report mail to フィッシング対策協議会 from the
// page's form: its sender is the form's address or ReportFrom, and a
// mail judged clean is reported only when the form says force.
func (s *Server) councilReport(r *http.Request, rep *mekiki.Report, raw []byte) (string, string, []byte, error) {
	from := r.FormValue("from")
	if strings.TrimSpace(from) == "" {
		from = s.ReportFrom
	}
	sender, err := export.ReportSender(from)
	if err != nil {
		return "", "", nil, userError("報告メールの差出人として、あなたのメールアドレスを入力してください。 / Give your mail address as the sender of the report.")
	}
	if rep.Verdict == "clean" && r.FormValue("force") == "" {
		return "", "", nil, userError("このメールは「決め手なし」と判定されたため、報告メールは作りません。 / This mail was judged clean (nothing conclusive), so no report is written.")
	}
	return "council-report.eml", "message/rfc822", export.CouncilReport(rep, raw, sender, time.Now()), nil
}

// userError is a sentence for the person using the page, shown as it is.
type userError string

func (e userError) Error() string { return string(e) }
