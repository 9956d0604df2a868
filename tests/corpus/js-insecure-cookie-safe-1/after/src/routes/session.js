const express = require('express');
const { verifyCredentials, createSession } = require('../services/auth');

const router = express.Router();
const isProd = process.env.NODE_ENV === 'production';

router.post('/session', async (req, res) => {
  const user = await verifyCredentials(req.body.email, req.body.password);
  if (!user) return res.status(401).json({ error: 'bad credentials' });
  const token = await createSession(user.id);
  res.cookie('session_token', token, { httpOnly: true, secure: isProd, sameSite: 'lax' });
  res.cookie('theme', user.theme || 'light', { maxAge: 365 * 24 * 3600 * 1000 });
  res.json({ id: user.id, name: user.name });
});

module.exports = router;
