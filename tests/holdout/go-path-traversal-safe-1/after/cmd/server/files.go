package main

import (
	"net/http"
	"path/filepath"

	"github.com/go-chi/chi/v5"
)

const reportsDir = "/var/lib/reports"

func serveReport(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "name")
	if !filepath.IsLocal(name) || filepath.Ext(name) != ".pdf" {
		http.Error(w, "bad report name", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	http.ServeFile(w, r, filepath.Join(reportsDir, name))
}

func mountReports(r chi.Router) {
	r.Get("/reports/{name}", serveReport)
}
