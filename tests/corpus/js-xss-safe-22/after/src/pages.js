const escape = require("escape-html");

function renderNotFound(res, path) {
  res.status(404);
  res.send(`<h1>Not found</h1><p>No page at ${escape(path)}</p>`);
  res.send("Not found: " + path);
}

module.exports = { renderNotFound };
