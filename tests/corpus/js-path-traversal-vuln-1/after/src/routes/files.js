const express = require('express');
const path = require('path');
const { requireLogin } = require('../middleware/auth');

const router = express.Router();
const UPLOAD_DIR = path.join(__dirname, '..', '..', 'uploads');

router.get('/files/:name', requireLogin, (req, res) => {
  const filePath = path.join(UPLOAD_DIR, req.params.name);
  res.sendFile(filePath, (err) => {
    if (err) res.status(404).end();
  });
});

module.exports = router;
