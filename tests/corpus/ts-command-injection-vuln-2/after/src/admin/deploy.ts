import { Router } from 'express';
import { execSync } from 'node:child_process';

export const deploy = Router();

deploy.get('/deploy/version', (_req, res) => {
  const sha = execSync('git rev-parse --short HEAD').toString().trim();
  res.json({ sha });
});

deploy.get('/deploy/log', (req, res) => {
  const branch = (req.query.branch as string) || 'main';
  const log = execSync('git log --oneline -n 20 ' + branch, { cwd: '/srv/app' });
  res.type('text/plain').send(log.toString());
});
