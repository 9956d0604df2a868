const express = require('express');
const User = require('../models/User');

const router = express.Router();

router.post('/api/session', async (req, res) => {
  const username = String(req.body.username ?? '');
  const resetCode = String(req.body.resetCode ?? '');
  if (!username || !/^[0-9]{6}$/.test(resetCode)) {
    return res.status(400).json({ message: 'Bad request' });
  }
  const user = await User.findOne({ username, resetCode, resetExpires: { $gt: Date.now() } });
  if (!user) {
    return res.status(401).json({ message: 'Invalid code' });
  }
  req.session.uid = user._id.toString();
  res.json({ ok: true });
});

module.exports = router;
