package com.acme.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import com.acme.sync.SyncBatch;

public class SyncServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ObjectInputStream in = new ObjectInputStream(request.getInputStream());

        try {
            SyncBatch batch = (SyncBatch) in.readObject();
            response.getWriter().println("received " + batch.size());
        } catch (ClassNotFoundException e) {
            response.sendError(400);
        }
    }
}
