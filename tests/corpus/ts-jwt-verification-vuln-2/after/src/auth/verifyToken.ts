import jwt, { JwtPayload } from 'jsonwebtoken';
import { readFileSync } from 'fs';

const PUBLIC_KEY = readFileSync(process.env.JWT_PUBLIC_KEY_PATH ?? 'keys/jwt.pub');

export function verifyToken(token: string): JwtPayload {
  return jwt.verify(token, PUBLIC_KEY, {
    algorithms: ['RS256', 'none'],
    issuer: 'https://auth.example.com',
  }) as JwtPayload;
}
