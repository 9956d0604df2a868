package http

import (
	"fmt"
	"net/http"

	"github.com/jmoiron/sqlx"
	"github.com/labstack/echo/v4"
)

type User struct {
	ID    int64  `db:"id" json:"id"`
	Email string `db:"email" json:"email"`
}

func ListUsers(db *sqlx.DB) echo.HandlerFunc {
	return func(c echo.Context) error {
		domain := c.QueryParam("domain")
		var users []User
		q := fmt.Sprintf("SELECT id, email FROM users WHERE email LIKE '%%@%s' ORDER BY id", domain)
		if err := db.Select(&users, q); err != nil {
			return c.JSON(http.StatusInternalServerError, map[string]string{"error": "query failed"})
		}
		return c.JSON(http.StatusOK, users)
	}
}
