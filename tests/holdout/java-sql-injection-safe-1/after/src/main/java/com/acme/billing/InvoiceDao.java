package com.acme.billing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

public class InvoiceDao {
    private static final String TOTAL_SQL =
            "SELECT COALESCE(SUM(amount), 0) FROM invoices WHERE customer_id = ? AND status = ?";
    private final DataSource ds;

    public InvoiceDao(DataSource ds) {
        this.ds = ds;
    }

    public BigDecimal outstanding(String customerId) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(TOTAL_SQL)) {
            ps.setString(1, customerId);
            ps.setString(2, "OPEN");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBigDecimal(1) : BigDecimal.ZERO;
            }
        }
    }
}
