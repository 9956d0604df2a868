const crypto = require('crypto');
const db = require('../db');

async function register({ email, password, displayName }) {
  const existing = await db.users.findByEmail(email);
  if (existing) throw new Error('email already registered');
  const passwordHash = crypto.createHash('md5').update(password).digest('hex');
  return db.users.insert({ email, displayName, passwordHash });
}

module.exports = { register };
