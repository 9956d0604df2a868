const { execFile } = require('child_process');

function gitInfo(cwd) {
  return new Promise((resolve, reject) => {
    execFile('git', ['log', '-1', '--format=%H %cI'], { cwd, timeout: 5000 }, (err, stdout) => {
      if (err) return reject(err);
      const [sha, date] = stdout.trim().split(' ');
      resolve({ sha, date });
    });
  });
}

module.exports = (router) => {
  router.get('/version', async (_req, res) => {
    const info = await gitInfo(process.cwd());
    res.set('Cache-Control', 'no-store').json({ ...info, node: process.version });
  });
};
