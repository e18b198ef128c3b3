import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DatabaseKind } from './backup-manifest';

/** One backup as the catalogue knows it (what it needs, where it was written); never key material. */
export interface CatalogedBackup {
  id: string;
  createdAt: Date;
  nodeId: string;
  location: string;
  databaseKind: DatabaseKind;
  schemaVersion: string | null;
  masterKeyIds: string[];
  keysIncluded: boolean;
  manifestSha256: string;
  bytes: number;
  createdBy: string;
}

interface Row {
  id: string;
  created_at: Date;
  node_id: string;
  location: string;
  database_kind: DatabaseKind;
  schema_version: string | null;
  master_key_ids: string[];
  keys_included: boolean;
  manifest_sha256: string;
  bytes: string;
  created_by: string;
}

const fromRow = (r: Row): CatalogedBackup => ({
  id: r.id,
  createdAt: r.created_at,
  nodeId: r.node_id,
  location: r.location,
  databaseKind: r.database_kind,
  schemaVersion: r.schema_version,
  masterKeyIds: r.master_key_ids,
  keysIncluded: r.keys_included,
  manifestSha256: r.manifest_sha256,
  bytes: Number(r.bytes),
  createdBy: r.created_by,
});

/** The `backup_catalog` table: every query of it lives here. */
@Injectable()
export class BackupCatalogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records a backup; a backup already recorded (a restore of it) is left as it is. */
  async record(b: CatalogedBackup): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO backup_catalog (id, created_at, node_id, location, database_kind, schema_version,
         master_key_ids, keys_included, manifest_sha256, bytes, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (id) DO NOTHING`,
      [
        b.id,
        b.createdAt,
        b.nodeId,
        b.location,
        b.databaseKind,
        b.schemaVersion,
        b.masterKeyIds,
        b.keysIncluded,
        b.manifestSha256,
        b.bytes,
        b.createdBy,
      ],
    );
  }

  /** Backups that need any of these master keys and do not carry them, oldest first. */
  async findNeedingKeys(masterKeyIds: string[]): Promise<CatalogedBackup[]> {
    if (masterKeyIds.length === 0) return [];
    const rows = await this.dataSource.query<Row[]>(
      `SELECT * FROM backup_catalog WHERE master_key_ids && $1::text[] AND NOT keys_included
        ORDER BY created_at, id`,
      [masterKeyIds],
    );
    return rows.map(fromRow);
  }

  async list(): Promise<CatalogedBackup[]> {
    const rows = await this.dataSource.query<Row[]>('SELECT * FROM backup_catalog ORDER BY created_at, id');
    return rows.map(fromRow);
  }
}
