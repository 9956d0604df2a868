const express = require('express');
const escapeHtml = require('escape-html');
const { searchProducts } = require('../services/products');

const router = express.Router();

router.get('/search', async (req, res) => {
  const q = String(req.query.q || '');
  const items = await searchProducts(q);
  const list = items.map((p) => `<li>${escapeHtml(p.name)}</li>`).join('');
  res.send(`<!doctype html><h1>Results for "${escapeHtml(q)}"</h1><ul>${list}</ul>`);
});

module.exports = router;
