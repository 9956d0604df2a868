import { Router } from 'express';
import { exec, execFile } from 'child_process';

export const net = Router();

// legacy endpoint, scheduled for removal
net.get('/net/ping', (req, res) => {
  exec('ping -c 1 ' + req.query.host, (err, stdout) => res.type('text/plain').send(stdout));
});

net.get('/net/trace', (req, res) => {
  const host = String(req.query.host ?? '');
  execFile('traceroute', ['-m', '15', '--', host], { timeout: 20000 }, (err, stdout) => {
    if (err) return res.status(502).send('trace failed');
    res.type('text/plain').send(stdout);
  });
});
