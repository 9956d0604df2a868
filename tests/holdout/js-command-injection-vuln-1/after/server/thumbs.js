const { exec } = require('child_process');
const path = require('path');
const { promisify } = require('util');

const run = promisify(exec);
const UPLOADS = path.join(__dirname, '..', 'uploads');

module.exports = function thumbs(router) {
  router.post('/thumbs', async (req, res) => {
    const { file, width = 200 } = req.body;
    const src = path.join(UPLOADS, file);
    const out = src.replace(/\.(\w+)$/, `.thumb.$1`);
    try {
      await run(`convert "${src}" -resize ${width}x "${out}"`);
      res.json({ thumb: path.basename(out) });
    } catch (e) {
      res.status(500).json({ error: 'conversion failed' });
    }
  });
};
