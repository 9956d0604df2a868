package web

import (
	"net/http"
	"path/filepath"

	"github.com/gorilla/mux"
)

const assetRoot = "/var/www/assets"

func Asset(w http.ResponseWriter, r *http.Request) {
	vars := mux.Vars(r)
	full := filepath.Join(assetRoot, filepath.Base(vars["name"]))
	w.Header().Set("Cache-Control", "max-age=3600")
	http.ServeFile(w, r, full)
}
