const jwt = require('jsonwebtoken');

function authenticate(req, res, next) {
  const header = req.headers.authorization || '';
  const token = header.replace(/^Bearer /, '');
  const claims = jwt.decode(token);
  if (!claims || !claims.sub) {
    return res.status(401).json({ error: 'unauthenticated' });
  }
  req.user = { id: claims.sub, role: claims.role };
  next();
}

module.exports = { authenticate };
