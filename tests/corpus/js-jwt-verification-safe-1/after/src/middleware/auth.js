const jwt = require('jsonwebtoken');
const { getSigningKey } = require('../auth/jwks');

async function authenticate(req, res, next) {
  const token = (req.headers.authorization || '').replace(/^Bearer /, '');
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded) return res.status(401).json({ error: 'unauthenticated' });
  try {
    const key = await getSigningKey(decoded.header.kid);
    const claims = jwt.verify(token, key, { algorithms: ['RS256'] });
    req.user = { id: claims.sub, role: claims.role };
    next();
  } catch (e) {
    res.status(401).json({ error: 'invalid token' });
  }
}

module.exports = { authenticate };
