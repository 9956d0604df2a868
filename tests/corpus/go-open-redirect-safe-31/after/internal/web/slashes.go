package web

import (
	"fmt"
	"net/http"
	"strings"
)

func RedirectSlashes(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.Path
		if len(path) > 1 && path[len(path)-1] == '/' {
			path = "/" + strings.Trim(path, "/")
			if strings.Contains(path, "\\") {
				http.NotFound(w, r)
				return
			}
			if r.URL.RawQuery != "" {
				path = fmt.Sprintf("%s?%s", path, r.URL.RawQuery)
			}
			http.Redirect(w, r, path, http.StatusMovedPermanently)
			return
		}
		next.ServeHTTP(w, r)
	})
}
