const express = require('express');
const { verifyCredentials, createSession } = require('../services/auth');

const router = express.Router();

router.post('/session', async (req, res) => {
  const user = await verifyCredentials(req.body.email, req.body.password);
  if (!user) return res.status(401).json({ error: 'bad credentials' });
  const token = await createSession(user.id);
  res.cookie('session_token', token, { secure: false, sameSite: 'lax', maxAge: 7 * 24 * 3600 * 1000 });
  res.json({ id: user.id, name: user.name });
});

module.exports = router;
