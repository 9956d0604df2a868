package com.acme;

import java.io.IOException;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.util.HtmlUtils;

public class Pages {
    public void greet(HttpServletResponse response, String name) throws IOException {
        response.setContentType("text/html");
        response.getWriter().println("<h1>Hello " + HtmlUtils.htmlEscape(name) + "</h1>");
    }
}
