function renderNotFound(res, path) {
  res.status(404);
  res.send(`<h1>Not found</h1><p>No page at ${path}</p>`);
}

module.exports = { renderNotFound };
