package auth

import (
	"net/http"
)

func (s *Server) Login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	if !s.check(r.PostFormValue("user"), r.PostFormValue("password")) {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	next := r.FormValue("next")
	http.Redirect(w, r, next, http.StatusFound)
}

type Server struct{}

func (s *Server) check(user, password string) bool { return user != "" && password != "" }
