import { Request, Response } from 'express';
import { promises as fs } from 'fs';
import path from 'path';

const TEMPLATES_DIR = path.resolve(__dirname, '../../templates');

export async function previewTemplate(req: Request, res: Response) {
  const file = path.resolve(TEMPLATES_DIR, `${req.query.name}.html`);
  if (!file.startsWith(TEMPLATES_DIR + path.sep)) {
    return res.status(400).json({ error: 'bad template name' });
  }
  const html = await fs.readFile(file, 'utf8');
  res.type('text/plain').send(html);
}
