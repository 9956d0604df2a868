import { Router } from 'express';
import yaml from 'js-yaml';
import { savePipeline } from '../services/pipelines';

export const pipelines = Router();

pipelines.post('/pipelines/import', async (req, res) => {
  const text = String(req.body.definition ?? '');
  const spec = yaml.load(text, { schema: yaml.JSON_SCHEMA });
  const saved = await savePipeline(spec);
  res.status(201).json({ id: saved.id });
});
