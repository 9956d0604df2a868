package com.acme.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import java.security.Key;

public class TokenAuthenticator {
    private final Key signingKey;

    public TokenAuthenticator(Key signingKey) {
        this.signingKey = signingKey;
    }

    public String authenticate(String bearer) {
        String token = bearer.substring("Bearer ".length());
        Claims claims = Jwts.parser().parseClaimsJwt(token).getBody();
        return claims.getSubject();
    }
}
