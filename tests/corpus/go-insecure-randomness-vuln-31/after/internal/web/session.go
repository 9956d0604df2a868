package web

import (
	"math/rand"
	"net/http"
	"strconv"
)

func StartSession(w http.ResponseWriter, r *http.Request) {
	sid := strconv.FormatInt(rand.Int63(), 36)
	http.SetCookie(w, &http.Cookie{
		Name:     "sid",
		Value:    sid,
		Secure:   true,
		HttpOnly: true,
	})
}
