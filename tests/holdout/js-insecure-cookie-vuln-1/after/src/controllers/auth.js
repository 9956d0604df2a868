const { signSession } = require('../lib/session');

exports.login = async (req, res) => {
  const { email, password } = req.body;
  const account = await req.services.accounts.authenticate(email, password);
  if (!account) return res.status(401).send('Unauthorized');

  const token = await signSession(account.id);
  res.cookie('sid', token, {
    maxAge: 1000 * 60 * 60 * 24 * 30,
    httpOnly: false,
    secure: false,
  });
  return res.redirect('/home');
};
