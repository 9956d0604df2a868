package web

import (
	"fmt"
	"net/http"
)

func notFound(w http.ResponseWriter, path string) {
	w.WriteHeader(http.StatusNotFound)
	fmt.Fprintf(w, "<h1>Not found</h1><p>%s</p>", path)
}
