const express = require('express');
const passport = require('passport');

const router = express.Router();

function isLocalPath(value) {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\');
}

router.post('/login', passport.authenticate('local', { failureRedirect: '/login?error=1' }), (req, res) => {
  const next = req.query.next;
  res.redirect(isLocalPath(next) ? next : '/dashboard');
});

module.exports = router;
