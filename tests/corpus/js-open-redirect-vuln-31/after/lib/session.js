'use strict';

function completeLogin(req, res, user, returnTo) {
  req.session.userId = user.id;
  // back where the user came from
  res.redirect(returnTo);
}

module.exports = { completeLogin };
