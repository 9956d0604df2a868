function findUser(client, username, done) {
  const opts = { scope: "sub", filter: "(&(objectClass=person)(uid=" + username + "))" };
  client.search("ou=people,dc=example,dc=com", opts, done);
}

module.exports = { findUser };
