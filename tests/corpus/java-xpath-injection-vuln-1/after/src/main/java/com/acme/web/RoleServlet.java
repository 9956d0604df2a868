package com.acme.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import javax.xml.namespace.QName;
import org.w3c.dom.Document;

public class RoleServlet extends HttpServlet {
    private Document users;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("user");
        XPath xpath = XPathFactory.newInstance().newXPath();
        try {
            String role = xpath.evaluate("//user[@name='" + name + "']/role", users);
            response.getWriter().println(role);
        } catch (XPathExpressionException e) {
            response.sendError(400);
        }
    }
}
