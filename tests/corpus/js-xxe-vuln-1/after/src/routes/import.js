const express = require('express');
const libxmljs = require('libxmljs');

const router = express.Router();
router.use(express.text({ type: ['application/xml', 'text/xml'], limit: '1mb' }));

router.post('/import/catalog', (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true, noblanks: true });
  const items = doc.find('//item').map((el) => ({
    sku: el.attr('sku').value(),
    name: el.get('name').text(),
  }));
  res.json({ imported: items.length });
});

module.exports = router;
