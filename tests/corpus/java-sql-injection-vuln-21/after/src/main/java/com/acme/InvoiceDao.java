package com.acme;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

public class InvoiceDao {
    private final Connection conn;

    public InvoiceDao(Connection conn) {
        this.conn = conn;
    }

    public ResultSet findInvoices(String customer) throws SQLException {
        Statement st = conn.createStatement();
        String query = "SELECT id, amount FROM invoices WHERE customer = '" + customer + "'";
        return st.executeQuery(query);
    }
}
