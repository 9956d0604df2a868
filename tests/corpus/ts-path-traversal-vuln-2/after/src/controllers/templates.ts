import { Request, Response } from 'express';
import { promises as fs } from 'fs';
import path from 'path';

const TEMPLATES_DIR = path.resolve(__dirname, '../../templates');

export async function listTemplates(_req: Request, res: Response) {
  const names = await fs.readdir(TEMPLATES_DIR);
  res.json(names.filter((n) => n.endsWith('.html')));
}

export async function previewTemplate(req: Request, res: Response) {
  const file = path.join(TEMPLATES_DIR, `${req.query.name}.html`);
  const html = await fs.readFile(file, 'utf8');
  res.type('text/plain').send(html);
}
