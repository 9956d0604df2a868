import { QueryTypes, Sequelize } from 'sequelize';

export interface InvoiceSummary {
  id: number;
  number: string;
  total: string;
}

export class InvoiceRepo {
  constructor(private readonly sequelize: Sequelize) {}

  async openForCustomer(customerId: string, minTotal = 0): Promise<InvoiceSummary[]> {
    return this.sequelize.query<InvoiceSummary>(
      `SELECT id, number, total FROM invoices
        WHERE customer_id = :customerId AND status = 'open' AND total >= :minTotal
        ORDER BY due_date`,
      { replacements: { customerId, minTotal }, type: QueryTypes.SELECT },
    );
  }
}
