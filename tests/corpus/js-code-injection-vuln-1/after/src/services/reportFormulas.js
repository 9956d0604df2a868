const express = require('express');
const { loadRows } = require('../db/reports');

const router = express.Router();

router.post('/reports/:id/computed-column', async (req, res) => {
  const rows = await loadRows(req.params.id);
  const compute = new Function('row', 'return ' + req.body.formula);
  const values = rows.map((row) => compute(row));
  res.json({ values });
});

module.exports = router;
