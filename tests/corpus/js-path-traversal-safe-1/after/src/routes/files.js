const express = require('express');
const path = require('path');
const fs = require('fs');

const router = express.Router();
const UPLOAD_DIR = path.join(__dirname, '..', '..', 'uploads');

router.get('/files/:name/raw', (req, res) => {
  const safeName = path.basename(req.params.name);
  const stream = fs.createReadStream(path.join(UPLOAD_DIR, safeName));
  stream.on('error', () => res.status(404).end());
  stream.pipe(res);
});

module.exports = router;
