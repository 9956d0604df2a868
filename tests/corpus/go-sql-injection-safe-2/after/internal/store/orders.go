package store

import (
	"database/sql"
	"net/http"
	"strconv"
)

type Orders struct {
	DB *sql.DB
}

func (o *Orders) Archive(w http.ResponseWriter, r *http.Request) {
	days, err := strconv.Atoi(r.FormValue("days"))
	if err != nil {
		http.Error(w, "bad days", http.StatusBadRequest)
		return
	}
	res, err := o.DB.Exec("UPDATE orders SET archived = true WHERE created_at < now() - interval '" + strconv.Itoa(days) + " days'")
	if err != nil {
		http.Error(w, "archive failed", http.StatusInternalServerError)
		return
	}
	n, _ := res.RowsAffected()
	w.Write([]byte(strconv.FormatInt(n, 10)))
}
