const express = require('express');
const bcrypt = require('bcrypt');
const User = require('../models/user');

const router = express.Router();

router.post('/password/reset', async (req, res) => {
  const token = String(req.body.token || '');
  const user = await User.findOne({ resetToken: token, resetExpires: { $gt: Date.now() } });
  if (!user) return res.status(400).json({ error: 'invalid or expired token' });
  user.passwordHash = await bcrypt.hash(String(req.body.password), 12);
  user.resetToken = undefined;
  await user.save();
  res.json({ ok: true });
});

module.exports = router;
