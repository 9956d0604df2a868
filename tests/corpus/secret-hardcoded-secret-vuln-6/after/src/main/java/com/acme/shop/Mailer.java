package com.acme.shop;

public final class Mailer {
    private static final String SMTP_HOST = "smtp.acme.example";
    private static final String SMTP_PASSWORD = "6Q4O5-W3zCVFB-349";

    private Mailer() {}
}
