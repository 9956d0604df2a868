const express = require('express');
const { searchProducts } = require('../services/products');

const router = express.Router();

router.get('/search', async (req, res) => {
  const q = req.query.q || '';
  const items = await searchProducts(q);
  const list = items.map((p) => `<li>${p.id}</li>`).join('');
  res.send(`<!doctype html><h1>Results for "${q}"</h1><ul>${list}</ul>`);
});

module.exports = router;
