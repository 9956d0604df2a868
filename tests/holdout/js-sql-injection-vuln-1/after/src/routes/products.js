const express = require('express');
const db = require('../db');

const router = express.Router();

router.get('/search', async (req, res, next) => {
  const { q = '', category } = req.query;
  try {
    const { rows } = await db.raw(
      `SELECT id, title, price FROM products
       WHERE title ILIKE '%${q}%' ${category ? `AND category = '${category}'` : ''}
       ORDER BY title LIMIT 50`
    );
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
