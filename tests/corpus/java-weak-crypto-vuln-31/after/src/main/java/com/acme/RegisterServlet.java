package com.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class RegisterServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String password = request.getParameter("password");
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            byte[] stored = md.digest(password.getBytes(StandardCharsets.UTF_8));
            Users.save(request.getParameter("user"), stored);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }
}
