package store

import (
	"database/sql"
	"fmt"
)

func FindInvoices(db *sql.DB, customer string, limit int) (*sql.Rows, error) {
	query := fmt.Sprintf("SELECT id, amount FROM invoices WHERE customer = $1 LIMIT %d", limit)
	return db.Query(query, customer)
}
