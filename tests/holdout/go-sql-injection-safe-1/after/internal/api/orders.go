package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"
)

type Order struct {
	ID     int64   `db:"id" json:"id"`
	Status string  `db:"status" json:"status"`
	Total  float64 `db:"total" json:"total"`
}

func OrdersByStatus(db *sqlx.DB) gin.HandlerFunc {
	return func(c *gin.Context) {
		status := c.DefaultQuery("status", "open")
		var orders []Order
		err := db.SelectContext(c.Request.Context(), &orders,
			"SELECT id, status, total FROM orders WHERE status = $1 AND customer_id = $2 ORDER BY id DESC",
			status, c.GetString("customerID"))
		if err != nil {
			c.JSON(http.StatusInternalServerError, gin.H{"error": "query failed"})
			return
		}
		c.JSON(http.StatusOK, orders)
	}
}
