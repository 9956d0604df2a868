package com.acme;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import org.w3c.dom.Document;

public class Users {
    public String role(XPath xpath, Document doc, String name) throws XPathExpressionException {
        return xpath.evaluate("//user[@name='" + name + "']/@role", doc);
    }
}
