package web

import (
	"html/template"
	"net/http"
)

var profileTmpl = template.Must(template.New("profile").Parse(
	`<html><body><h1>{{.Name}}</h1><div class="bio">{{.Bio}}</div></body></html>`))

type profileView struct {
	Name string
	Bio  string
}

func Profile(w http.ResponseWriter, r *http.Request) {
	view := profileView{
		Name: r.FormValue("name"),
		Bio:  r.FormValue("bio"),
	}
	profileTmpl.Execute(w, view)
}
