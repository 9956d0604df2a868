import { Router } from 'express';
import { exec, execFile } from 'child_process';

export const net = Router();

// legacy endpoint, scheduled for removal
net.get('/net/ping', (req, res) => {
  exec('ping -c 1 ' + req.query.host, (err, stdout) => res.type('text/plain').send(stdout));
});
