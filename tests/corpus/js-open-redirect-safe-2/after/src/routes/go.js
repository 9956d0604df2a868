const express = require('express');

const router = express.Router();
const DESTINATIONS = {
  docs: 'https://docs.example.com/',
  status: 'https://status.example.com/',
  billing: '/settings/billing',
};

router.get('/go/:target', (req, res) => {
  const dest = DESTINATIONS[req.params.target];
  if (!dest) return res.status(404).send('unknown link');
  res.redirect(302, dest);
});

module.exports = router;
