const express = require('express');
const db = require('../db');

const router = express.Router();

router.get('/search', async (req, res, next) => {
  const { q = '', category } = req.query;
  try {
    const query = db('products')
      .select('id', 'title', 'price')
      .whereRaw('title ILIKE ?', [`%${q}%`])
      .orderBy('title')
      .limit(50);
    if (category) query.andWhere({ category });
    res.json(await query);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
