package com.acme.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;

public class ApiKeyFilter {
    private final Algorithm algorithm;

    public ApiKeyFilter(String secret) {
        this.algorithm = Algorithm.HMAC256(secret);
    }

    public String tenantOf(String token) {
        DecodedJWT jwt = JWT.decode(token);
        return jwt.getClaim("tenant").asString();
    }
}
