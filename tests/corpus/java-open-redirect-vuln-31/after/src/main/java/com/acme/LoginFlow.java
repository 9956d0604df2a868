package com.acme;

import java.io.IOException;
import javax.servlet.http.HttpServletResponse;

public class LoginFlow {
    public void finish(HttpServletResponse response, String user, String returnUrl) throws IOException {
        audit(user);
        // back to where the user came from
        response.sendRedirect(returnUrl);
    }

    private void audit(String user) {
    }
}
