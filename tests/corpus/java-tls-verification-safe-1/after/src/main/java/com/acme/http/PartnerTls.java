package com.acme.http;

import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

public final class PartnerTls {
    private PartnerTls() {
    }

    public static SSLContext context(KeyStore partnerCa) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(partnerCa);
        X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
        if (tm.getAcceptedIssuers().length == 0) {
            throw new CertificateException("partner CA store is empty");
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {tm}, null);
        return ctx;
    }
}
