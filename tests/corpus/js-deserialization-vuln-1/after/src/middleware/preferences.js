const serialize = require('node-serialize');

function loadPreferences(req, res, next) {
  const raw = req.cookies.prefs;
  if (raw) {
    const json = Buffer.from(raw, 'base64').toString('utf8');
    req.preferences = serialize.unserialize(json);
  } else {
    req.preferences = { theme: 'light', pageSize: 20 };
  }
  next();
}

module.exports = { loadPreferences };
