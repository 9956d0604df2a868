const express = require('express');
const path = require('path');

const router = express.Router();
const AVATAR_DIR = path.join(__dirname, '..', '..', 'data', 'avatars');

router.get('/avatars/:file', (req, res) => {
  res.sendFile(req.params.file, { root: AVATAR_DIR, maxAge: '1d' }, (err) => {
    if (err) res.status(err.status || 404).end();
  });
});

module.exports = router;
