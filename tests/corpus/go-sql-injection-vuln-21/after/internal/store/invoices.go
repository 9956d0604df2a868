package store

import (
	"database/sql"
	"fmt"
)

func FindInvoices(db *sql.DB, customer string) (*sql.Rows, error) {
	query := fmt.Sprintf("SELECT id, amount FROM invoices WHERE customer = '%s'", customer)
	return db.Query(query)
}
