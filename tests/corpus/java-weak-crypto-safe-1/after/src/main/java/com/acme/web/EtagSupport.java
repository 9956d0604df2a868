package com.acme.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public final class EtagSupport {
    private EtagSupport() {
    }

    public static String etagFor(byte[] body) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("MD5");
        return "\"" + HexFormat.of().formatHex(md.digest(body)) + "\"";
    }
}
