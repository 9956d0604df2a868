const express = require('express');
const cache = require('../cache');

const router = express.Router();

router.get('/search', async (req, res) => {
  const filters = JSON.parse(req.query.filters || '{}');
  const key = `search:${JSON.stringify(filters)}`;
  const results = await cache.getOrCompute(key, () => runSearch(filters));
  setTimeout(() => cache.delete(key), 60000);
  res.json(results);
});

module.exports = router;
