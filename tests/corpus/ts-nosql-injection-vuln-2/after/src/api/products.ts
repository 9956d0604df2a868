import { Router, Request, Response } from 'express';
import { getDb } from '../db';

export const products = Router();

products.get('/products/cheap', async (req: Request, res: Response) => {
  const max = req.query.max as string;
  const docs = await getDb()
    .collection('products')
    .find({ $where: `this.price * (1 - this.discount) < ${max}` })
    .limit(50)
    .toArray();
  res.json(docs);
});
