package api

import (
	"net/http"
	"os"
	"path/filepath"
)

const reportDir = "/srv/reports"

func Report(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	data, err := os.ReadFile(filepath.Join(reportDir, name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Write(data)
}
