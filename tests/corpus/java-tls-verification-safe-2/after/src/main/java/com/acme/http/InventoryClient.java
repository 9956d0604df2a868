package com.acme.http;

import java.net.URL;
import javax.net.ssl.HttpsURLConnection;

public class InventoryClient {
    private final URL endpoint;

    public InventoryClient(URL endpoint) {
        this.endpoint = endpoint;
    }

    public HttpsURLConnection open() throws Exception {
        HttpsURLConnection conn = (HttpsURLConnection) endpoint.openConnection();
        conn.setHostnameVerifier((hostname, session) ->
            HttpsURLConnection.getDefaultHostnameVerifier().verify("inventory.acme.com", session));
        conn.setConnectTimeout(5000);
        return conn;
    }
}
