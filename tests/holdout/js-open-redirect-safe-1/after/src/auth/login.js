const Router = require('@koa/router');
const { verifyPassword } = require('./passwords');
const users = require('../models/users');

const router = new Router();

function safeNext(value) {
  if (typeof value !== 'string') return '/dashboard';
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/dashboard';
  return value;
}

router.post('/login', async (ctx) => {
  const { email, password } = ctx.request.body;
  const user = await users.findByEmail(email);
  if (!user || !(await verifyPassword(user.hash, password))) {
    ctx.throw(401, 'invalid credentials');
  }
  ctx.session.userId = user.id;
  ctx.redirect(safeNext(ctx.query.next));
});

module.exports = router;
