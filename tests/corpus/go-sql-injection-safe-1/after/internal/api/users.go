package api

import (
	"database/sql"
	"encoding/json"
	"net/http"
)

type UserHandler struct {
	DB *sql.DB
}

func (h *UserHandler) List(w http.ResponseWriter, r *http.Request) {
	team := r.URL.Query().Get("team")
	rows, err := h.DB.QueryContext(r.Context(), "SELECT id, name FROM users WHERE team = $1 ORDER BY name", team)
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err == nil {
			names = append(names, name)
		}
	}
	json.NewEncoder(w).Encode(names)
}
