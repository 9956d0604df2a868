package web

import (
	"fmt"
	"net/http"
)

func RedirectSlashes(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.Path
		if len(path) > 1 && path[len(path)-1] == '/' {
			http.Redirect(w, r, fmt.Sprintf("//%s%s", r.Host, path[:len(path)-1]), http.StatusMovedPermanently)
			return
		}
		next.ServeHTTP(w, r)
	})
}
