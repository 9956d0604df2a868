package web

import (
	"fmt"
	"html"
	"net/http"
)

func notFound(w http.ResponseWriter, path string) {
	w.WriteHeader(http.StatusNotFound)
	fmt.Fprintf(w, "<h1>Not found</h1><p>%s</p>", html.EscapeString(path))
}
