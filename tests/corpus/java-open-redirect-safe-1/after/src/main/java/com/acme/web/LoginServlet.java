package com.acme.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

public class LoginServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("user");
        String next = request.getParameter("next");
        if (!authenticate(user, request.getParameter("password"))) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        request.getSession(true).setAttribute("user", user);
        response.sendRedirect("/welcome?from=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    private boolean authenticate(String user, String password) {
        return user != null && password != null;
    }
}
