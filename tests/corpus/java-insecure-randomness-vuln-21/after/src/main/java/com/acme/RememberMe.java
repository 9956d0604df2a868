package com.acme;

import java.io.IOException;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class RememberMe {
    public void remember(HttpServletResponse response) {
        String value = Long.toString(new java.util.Random().nextLong());
        Cookie cookie = new Cookie("rememberMe", value);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
    }
}
