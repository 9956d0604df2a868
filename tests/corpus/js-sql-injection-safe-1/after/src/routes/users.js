const express = require('express');
const mysql = require('mysql2');

const router = express.Router();
const pool = mysql.createPool({ host: process.env.DB_HOST, user: 'app', database: 'shop' });

router.get('/users/search', (req, res, next) => {
  const { name } = req.query;
  const sql = 'SELECT id, name, email FROM users WHERE name LIKE ? ORDER BY name';
  pool.query(sql, [`%${name}%`], (err, rows) => {
    if (err) return next(err);
    res.json(rows);
  });
});

module.exports = router;
