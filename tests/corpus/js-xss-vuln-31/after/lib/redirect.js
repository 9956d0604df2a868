'use strict';
const escapeHtml = require('escape-html');

function redirectBody(res, url) {
  res.statusCode = 302;
  res.setHeader('Location', url);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end('<p>Redirecting to <a href="' + escapeHtml(url) + '">' + escapeHtml(url) + '</a></p>');
}

module.exports = redirectBody;
