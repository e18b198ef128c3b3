import { Controller, Get } from '@nestjs/common';
import { HelixgateConfig } from '@helixgate/config';
import { DatabaseConnection } from '@helixgate/db';
import { DataSource } from 'typeorm';

@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly conn: DatabaseConnection,
    private readonly config: HelixgateConfig,
  ) {}

  @Get('health')
  async health() {
    const started = process.hrtime.bigint();
    await this.dataSource.query('SELECT 1');
    const dbMs = Number(process.hrtime.bigint() - started) / 1e6;
    return { status: 'ok', database: { kind: this.conn.kind, latencyMs: Math.round(dbMs * 100) / 100 } };
  }

  /** GA4GH service-info (https://github.com/ga4gh-discovery/ga4gh-service-info), v1.0. */
  @Get('service-info')
  serviceInfo() {
    return {
      id: `org.helixgate.${this.config.vars.HELIXGATE_NODE_ID}`,
      name: this.config.vars.HELIXGATE_NODE_NAME,
      type: { group: 'org.ga4gh', artifact: 'beacon', version: '2.1.1' },
      description: 'Helixgate: privacy-preserving genomic variant queries (GraphQL and GA4GH Beacon v2).',
      organization: { name: this.config.vars.HELIXGATE_NODE_NAME, url: 'https://helixgate.invalid' },
      version: process.env.npm_package_version ?? '0.1.0',
      environment: process.env.NODE_ENV ?? 'production',
    };
  }
}
