import { Router, Request, Response } from 'express';

const ALLOWED_HOSTS = new Set(['hooks.slack.com', 'discord.com']);
export const webhooks = Router();

webhooks.post('/webhooks/test', async (req: Request, res: Response) => {
  let target: URL;
  try {
    target = new URL(String(req.body.url));
  } catch {
    return res.status(400).json({ error: 'invalid url' });
  }
  if (target.protocol !== 'https:' || !ALLOWED_HOSTS.has(target.hostname)) {
    return res.status(400).json({ error: 'host not allowed' });
  }
  const r = await fetch(target.toString(), { method: 'POST', body: JSON.stringify({ text: 'test' }) });
  res.json({ status: r.status });
});
