import { Request, Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export async function recentInvoices(req: Request, res: Response) {
  const limit = Math.min(Number.parseInt(String(req.query.limit ?? '20'), 10) || 20, 100);
  const { rows } = await pool.query(
    `SELECT id, total, created_at FROM invoices WHERE customer_id = $1 ORDER BY created_at DESC LIMIT ${limit}`,
    [req.params.customerId],
  );
  res.json(rows);
}
