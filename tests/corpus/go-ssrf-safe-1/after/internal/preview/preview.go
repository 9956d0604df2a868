package preview

import (
	"io"
	"net/http"
	"net/url"
	"time"
)

var client = &http.Client{Timeout: 5 * time.Second}

func Preview(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	resp, err := client.Get("https://catalog.internal.acme.com/v1/items/" + url.PathEscape(id))
	if err != nil {
		http.Error(w, "fetch failed", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.Copy(w, io.LimitReader(resp.Body, 1<<20))
}
