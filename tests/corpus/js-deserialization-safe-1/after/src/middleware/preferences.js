function loadPreferences(req, res, next) {
  const defaults = { theme: 'light', pageSize: 20 };
  const raw = req.cookies.prefs;
  try {
    const parsed = raw ? JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) : {};
    req.preferences = {
      theme: parsed.theme === 'dark' ? 'dark' : 'light',
      pageSize: Math.min(Number(parsed.pageSize) || defaults.pageSize, 100),
    };
  } catch (e) {
    req.preferences = defaults;
  }
  next();
}

module.exports = { loadPreferences };
