import { Router } from 'express';
import { execSync } from 'node:child_process';

export const deploy = Router();

deploy.get('/deploy/version', (_req, res) => {
  const sha = execSync('git rev-parse --short HEAD').toString().trim();
  res.json({ sha });
});
