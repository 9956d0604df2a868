package com.acme;

import java.io.IOException;
import javax.servlet.http.HttpServletResponse;

public class Pages {
    public void greet(HttpServletResponse response, String name) throws IOException {
        response.setContentType("text/html");
        response.getWriter().println("<h1>Hello " + name + "</h1>");
    }
}
