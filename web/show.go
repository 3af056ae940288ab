package web

import (
	"bytes"
	"context"
	"net/http"

	"github.com/mekiki/mekiki/mail"
	"github.com/mekiki/mekiki/show"
)

// showPage is what the decoded view's template shows.
type showPage struct {
	Lang string
	View *show.View
}

// showMail renders the decoded view (package show) of the mail the
// report page carries, as escaped text: never the mail's own HTML.
func (s *Server) showMail(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	if r.ContentLength > 2*s.MaxBytes {
		s.formError(w, view{Lang: l}, http.StatusRequestEntityTooLarge, msg(l, "メールが大きすぎます（上限 "+humanBytes(s.MaxBytes)+"）。", "The mail is larger than the limit of "+humanBytes(s.MaxBytes)+"."))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 2*s.MaxBytes)
	raw, err := decodeRaw(r.FormValue("raw"))
	if err != nil || len(bytes.TrimSpace(raw)) == 0 || int64(len(raw)) > s.MaxBytes {
		s.formError(w, view{Lang: l}, http.StatusBadRequest, msg(l, "表示するメールがありません。", "There is no mail to show."))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.Timeout)
	defer cancel()
	v, err := show.Read(ctx, bytes.NewReader(raw), mail.Limits{MaxSize: s.MaxBytes}, nil)
	if err != nil {
		s.formError(w, view{Lang: l}, http.StatusUnprocessableEntity, readError(l, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	s.tmpl.ExecuteTemplate(w, "show.html", showPage{Lang: l, View: v})
}
