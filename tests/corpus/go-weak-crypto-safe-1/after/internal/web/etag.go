package web

import (
	"crypto/md5"
	"encoding/hex"
	"net/http"
)

func etagFor(body []byte) string {
	sum := md5.Sum(body)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

func WriteWithETag(w http.ResponseWriter, body []byte) {
	w.Header().Set("ETag", etagFor(body))
	w.Write(body)
}
