import session from 'express-session';
import RedisStore from 'connect-redis';
import { redis } from './redis';

export const sessionMiddleware = session({
  store: new RedisStore({ client: redis }),
  secret: process.env.SESSION_SECRET as string,
  resave: false,
  saveUninitialized: false,
  cookie: { httpOnly: true, secure: false, maxAge: 8 * 3600 * 1000 },
});
