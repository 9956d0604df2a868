package com.acme;

import java.io.IOException;
import javax.servlet.http.HttpServletResponse;

public class LoginFlow {
    public void finish(HttpServletResponse response, String user, String returnUrl) throws IOException {
        audit(user);
        if (!isLocalPath(returnUrl)) {
            returnUrl = "/home";
        }
        response.sendRedirect(returnUrl);
    }

    private static boolean isLocalPath(String url) {
        return url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\");
    }

    private void audit(String user) {
    }
}
