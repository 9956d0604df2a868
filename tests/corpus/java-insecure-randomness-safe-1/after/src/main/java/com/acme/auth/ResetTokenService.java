package com.acme.auth;

import java.security.SecureRandom;
import java.util.Random;

public class ResetTokenService {
    private final SecureRandom random = new SecureRandom();

    public String createResetToken() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
}
