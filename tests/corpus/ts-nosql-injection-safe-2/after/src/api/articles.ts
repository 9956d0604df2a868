import { Router, Request, Response } from 'express';
import { Article } from '../models/article';

export const articles = Router();

articles.get('/articles/:slug', async (req: Request, res: Response) => {
  const article = await Article.findOne({ slug: req.params.slug, published: true })
    .select('title body author publishedAt')
    .lean();
  if (!article) return res.sendStatus(404);
  res.json(article);
});
