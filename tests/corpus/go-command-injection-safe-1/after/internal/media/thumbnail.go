package media

import (
	"net/http"
	"os/exec"
)

func Thumbnail(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	cmd := exec.Command("convert", "/srv/uploads/"+name, "-resize", "128x128", "/srv/thumbs/"+name)
	if out, err := cmd.CombinedOutput(); err != nil {
		http.Error(w, string(out), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
