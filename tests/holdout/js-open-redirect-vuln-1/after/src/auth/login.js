const Router = require('@koa/router');
const { verifyPassword } = require('./passwords');
const users = require('../models/users');

const router = new Router();

router.post('/login', async (ctx) => {
  const { email, password } = ctx.request.body;
  const user = await users.findByEmail(email);
  if (!user || !(await verifyPassword(user.hash, password))) {
    ctx.status = 401;
    ctx.body = { error: 'invalid credentials' };
    return;
  }
  ctx.session.userId = user.id;
  const next = ctx.query.next || '/dashboard';
  ctx.redirect(next);
});

module.exports = router;
