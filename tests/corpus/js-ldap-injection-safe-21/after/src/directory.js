const { escapeFilterValue } = require("./ldap-escape");

function findUser(client, username, done) {
  const opts = { scope: "sub", filter: "(&(objectClass=person)(uid=" + escapeFilterValue(username) + "))" };
  client.search("ou=people,dc=example,dc=com", opts, done);
}

module.exports = { findUser };
