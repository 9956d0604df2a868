const express = require('express');
const multer = require('multer');
const { execFile } = require('child_process');

const upload = multer({ dest: '/tmp/uploads' });
const router = express.Router();

router.post('/thumbnails', upload.single('image'), (req, res) => {
  const size = /^\d{1,4}x\d{1,4}$/.test(req.body.size) ? req.body.size : '200x200';
  const out = `${req.file.path}-thumb.png`;
  execFile('convert', [req.file.path, '-resize', size, out], (err) => {
    if (err) return res.status(500).json({ error: 'conversion failed' });
    res.sendFile(out);
  });
});

module.exports = router;
