const xpath = require("xpath");

function findUser(doc, index) {
  const all = xpath.select("//user", doc);
  return xpath.select("//user[" + Number(index) + "]", doc) || all[0];
}

module.exports = { findUser };
