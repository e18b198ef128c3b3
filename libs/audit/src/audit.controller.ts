import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { CurrentCaller, DomainError, type Caller } from '@helixgate/common';
import type { Response } from 'express';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditService, type AuditExportFormat } from './audit.service';

/**
 * REST download of an export: the body is the NDJSON (FHIR AuditEvent) or CSV file, the signed manifest
 * (sha256 of the body + the checkpoint it is anchored to) is in the `x-helixgate-audit-manifest` header.
 */
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('export')
  async export(
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('format') format?: string,
  ): Promise<StreamableFile> {
    await this.audit.assertAuditPermission(caller, 'export');
    const f: AuditExportFormat =
      format === 'csv'
        ? 'csv'
        : format === 'ndjson' || format === undefined
          ? 'ndjson'
          : (() => {
              throw new DomainError('BAD_REQUEST', 'format must be ndjson or csv');
            })();
    const fromDate = new Date(from ?? 0);
    const toDate = to ? new Date(to) : new Date();
    if (Number.isNaN(fromDate.getTime()) || Number.isNaN(toDate.getTime())) {
      throw new DomainError('BAD_REQUEST', 'from and to must be ISO 8601 times');
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-audit-export-'));
    const file = path.join(dir, `audit.${f}`);
    const { manifestJws } = await this.audit.export(caller, {
      from: fromDate,
      to: toDate,
      format: f,
      outFile: file,
    });
    res.setHeader('x-helixgate-audit-manifest', manifestJws);
    res.setHeader('content-type', f === 'csv' ? 'text/csv; charset=utf-8' : 'application/fhir+ndjson');
    const stream = fs.createReadStream(file);
    stream.on('close', () => fs.rmSync(dir, { recursive: true, force: true }));
    return new StreamableFile(stream);
  }
}
