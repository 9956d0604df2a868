import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface UsageRow {
  day: string;
  requests: number;
}

@Injectable()
export class ReportsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async dailyUsage(tenant: string, from: string): Promise<UsageRow[]> {
    return this.dataSource.query(
      `SELECT date_trunc('day', created_at) AS day, count(*) AS requests
         FROM api_calls
        WHERE tenant_slug = '${tenant}' AND created_at >= '${from}'
        GROUP BY 1 ORDER BY 1`,
    );
  }
}
