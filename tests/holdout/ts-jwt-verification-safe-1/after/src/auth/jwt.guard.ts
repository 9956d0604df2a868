import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';

const PUBLIC_KEY = process.env.JWT_PUBLIC_KEY ?? '';

@Injectable()
export class JwtGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest();
    const header: string = req.headers['authorization'] ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    try {
      req.user = jwt.verify(token, PUBLIC_KEY, {
        algorithms: ['RS256'],
        audience: 'api.example.com',
      });
      return true;
    } catch {
      throw new UnauthorizedException();
    }
  }
}
