package com.acme;

import java.io.IOException;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class RememberMe {
    public void select(HttpServletRequest request) {
        request.getSession().setAttribute("accountId", request.getParameter("account"));
    }
}
