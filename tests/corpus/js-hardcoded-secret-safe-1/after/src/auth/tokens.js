const jwt = require('jsonwebtoken');

const TOKEN_HEADER = 'x-session-token';
const jwtSecret = process.env.JWT_SECRET;
const apiKey = process.env.PAYMENTS_API_KEY;

if (!jwtSecret || !apiKey) {
  throw new Error('JWT_SECRET and PAYMENTS_API_KEY must be set');
}

function issueToken(claims) {
  return jwt.sign(claims, jwtSecret, { algorithm: 'HS256', expiresIn: '2h' });
}

module.exports = { issueToken, TOKEN_HEADER, apiKey };
