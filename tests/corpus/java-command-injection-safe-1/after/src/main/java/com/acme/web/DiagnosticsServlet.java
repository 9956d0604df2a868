package com.acme.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class DiagnosticsServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String host = request.getParameter("host");
        if (host == null || !host.matches("[A-Za-z0-9.-]{1,253}")) {
            response.sendError(400);
            return;
        }
        Process p = new ProcessBuilder("ping", "-c", "1", host).start();
        try {
            int code = p.waitFor();
            response.getWriter().println("exit " + code);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
