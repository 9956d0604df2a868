package com.acme.web;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.sql.DataSource;

public class UserServlet extends HttpServlet {
    private DataSource dataSource;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (Connection conn = dataSource.getConnection();
             Statement stmt = conn.createStatement()) {
            String team = request.getParameter("team");
            ResultSet rs = stmt.executeQuery(
                "SELECT id, name FROM users WHERE team = '" + team + "' ORDER BY name");
            while (rs.next()) {
                response.getWriter().println(rs.getLong("id"));
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
