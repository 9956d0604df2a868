package web

import (
	"html/template"
	"net/http"
)

var searchTmpl = template.Must(template.New("search").Parse(
	`<html><body><p>Results for {{.}}</p></body></html>`))

func Search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if err := searchTmpl.Execute(w, q); err != nil {
		http.Error(w, "render failed", http.StatusInternalServerError)
	}
}
