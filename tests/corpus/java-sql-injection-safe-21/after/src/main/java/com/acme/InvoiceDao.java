package com.acme;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

public class InvoiceDao {
    private static final String TABLE = "invoices";
    private final Connection conn;

    public InvoiceDao(Connection conn) {
        this.conn = conn;
    }

    public ResultSet findInvoices(String customer, int page) throws SQLException {
        PreparedStatement ps = conn.prepareStatement(
            "SELECT id, amount FROM " + TABLE + " WHERE customer = ? LIMIT 20 OFFSET " + (page * 20));
        ps.setString(1, customer);
        return ps.executeQuery();
    }
}
