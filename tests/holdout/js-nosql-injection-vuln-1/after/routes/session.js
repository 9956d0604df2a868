const express = require('express');
const User = require('../models/User');

const router = express.Router();

router.post('/api/session', async (req, res) => {
  const { username, resetCode } = req.body;
  const user = await User.findOne({ username, resetCode, resetExpires: { $gt: Date.now() } });
  if (!user) {
    return res.status(401).json({ message: 'Invalid code' });
  }
  req.session.uid = user._id.toString();
  user.resetCode = undefined;
  await user.save();
  res.json({ ok: true, name: user.displayName });
});

module.exports = router;
