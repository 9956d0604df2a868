package com.acme.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

public class DownloadServlet extends HttpServlet {
    private static final Path BASE = Paths.get("/srv/reports").toAbsolutePath().normalize();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        File file = new File(BASE.toFile(), name);
        byte[] data = Files.readAllBytes(file.toPath());
        response.setContentType("application/pdf");
        response.getOutputStream().write(data);
    }
}
