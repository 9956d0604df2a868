function done(res) {
  res.send('You are now logged in.');
}
module.exports = done;
