package com.acme.web;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.sql.DataSource;

public class UserServlet extends HttpServlet {
    private DataSource dataSource;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String team = request.getParameter("team");
        try (Connection conn = dataSource.getConnection();
             PreparedStatement stmt = conn.prepareStatement(
                 "SELECT id, name FROM users WHERE team = ? ORDER BY name")) {
            stmt.setString(1, team);
            ResultSet rs = stmt.executeQuery();
            while (rs.next()) {
                response.getWriter().println(rs.getLong("id"));
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
