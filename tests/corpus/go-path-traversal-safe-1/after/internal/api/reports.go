package api

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

const reportDir = "/srv/reports"

func Report(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	p := filepath.Clean(filepath.Join(reportDir, name))
	if !strings.HasPrefix(p, reportDir+string(os.PathSeparator)) {
		http.Error(w, "bad name", http.StatusBadRequest)
		return
	}
	data, err := os.ReadFile(p)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Write(data)
}
