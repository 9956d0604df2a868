package com.acme.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.Cookie;

public class SessionServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = java.util.UUID.randomUUID().toString();
        Cookie cookie = new Cookie("SESSION", token);
        cookie.setPath("/");
        response.addCookie(cookie);
        response.setStatus(204);
    }
}
