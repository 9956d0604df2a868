package com.acme;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class RegisterServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String password = request.getParameter("password");
        byte[] avatar = request.getInputStream().readAllBytes();
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] checksum = md.digest(avatar);
            Users.save(request.getParameter("user"), Passwords.argon2(password), checksum);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }
}
