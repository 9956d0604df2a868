'use strict';

function isLocalPath(value) {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
}

function completeLogin(req, res, user, returnTo) {
  req.session.userId = user.id;
  if (!isLocalPath(returnTo)) {
    returnTo = '/';
  }
  res.redirect(returnTo);
}

module.exports = { completeLogin };
