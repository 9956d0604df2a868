package web

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
)

func StartSession(w http.ResponseWriter, r *http.Request) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name:     "sid",
		Value:    base64.RawURLEncoding.EncodeToString(b),
		Secure:   true,
		HttpOnly: true,
	})
}
