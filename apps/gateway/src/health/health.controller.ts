import { Controller, Get, Logger, Res } from '@nestjs/common';
import type { Response } from 'express';
import { BEACON_API_VERSION, beaconIdFor } from '@helixgate/beacon';
import { HelixgateConfig } from '@helixgate/config';
import { DatabaseConnection } from '@helixgate/db';
import { DataSource } from 'typeorm';

@Controller()
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly dataSource: DataSource,
    private readonly conn: DatabaseConnection,
    private readonly config: HelixgateConfig,
  ) {}

  /**
   * 200 only when the application's own tables answer, through the same session settings as a request
   * (unqualified names: a broken `search_path` or a missing table fails here as it would for everyone);
   * 503 otherwise. `SELECT 1` answered ok while every request failed.
   */
  @Get('health')
  async health(@Res({ passthrough: true }) res: Response) {
    const started = process.hrtime.bigint();
    try {
      await this.dataSource.query(
        'SELECT (SELECT count(*) FROM schema_migrations) AS migrations, (SELECT count(*) FROM dataset) AS datasets',
      );
    } catch (err) {
      this.logger.error(`health check query failed: ${(err as Error).message}`);
      res.status(503);
      return {
        status: 'unavailable',
        database: { kind: this.conn.kind, error: 'the application schema cannot be queried' },
      };
    }
    const dbMs = Number(process.hrtime.bigint() - started) / 1e6;
    return { status: 'ok', database: { kind: this.conn.kind, latencyMs: Math.round(dbMs * 100) / 100 } };
  }

  /** GA4GH service-info (https://github.com/ga4gh-discovery/ga4gh-service-info), v1.0. */
  @Get('service-info')
  serviceInfo() {
    return {
      // The same id and Beacon version as the Beacon face (/api/service-info, /api/info, GraphQL meta).
      id: beaconIdFor(this.config.vars.HELIXGATE_NODE_ID),
      name: this.config.vars.HELIXGATE_NODE_NAME,
      type: { group: 'org.ga4gh', artifact: 'beacon', version: BEACON_API_VERSION.slice(1) },
      description: 'Helixgate: privacy-preserving genomic variant queries (GraphQL and GA4GH Beacon v2).',
      organization: { name: this.config.vars.HELIXGATE_NODE_NAME, url: 'https://helixgate.invalid' },
      version: process.env.npm_package_version ?? '0.1.0',
      environment: this.config.vars.NODE_ENV,
    };
  }
}
