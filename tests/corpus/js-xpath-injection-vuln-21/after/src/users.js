const xpath = require("xpath");

function findUser(doc, name) {
  return xpath.select("//user[@name='" + name + "']", doc);
}

module.exports = { findUser };
