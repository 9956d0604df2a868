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
	rows, err := h.DB.QueryContext(r.Context(), "SELECT id, name FROM users ORDER BY name")
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
