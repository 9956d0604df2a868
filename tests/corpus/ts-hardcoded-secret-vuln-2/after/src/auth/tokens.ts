import jwt from 'jsonwebtoken';

export interface SessionClaims {
  sub: string;
  role: 'user' | 'admin';
}

export function issueToken(claims: SessionClaims): string {
  return jwt.sign(claims, 'n0t-so-s3cret-signing-key-2024', {
    algorithm: 'HS256',
    expiresIn: '2h',
  });
}
