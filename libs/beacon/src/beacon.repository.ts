import { Injectable } from '@nestjs/common';
import { DatabaseConnection, genericPlanPool, type PgPool, PooledStatements } from '@helixgate/db';
import {
  type PanelAllele,
  type PanelAlleleRow,
  panelWindowSql,
  panelWindowValues,
  type PanelWindow,
  type ReferencePanel,
  toPanelAllele,
} from '@helixgate/panels';
import { variantFilterSql, type Assembly, type SecurityLevel } from '@helixgate/variants';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { VariantQuery } from './beacon-query';

/** The dataset facts the beacon needs to decide who may see what (no ORM hydration on the hot path). */
export interface BeaconDataset {
  id: string;
  assembly: Assembly;
  securityLevel: SecurityLevel;
  /** Individuals not withdrawn (the N of the privacy pricing). */
  individualCount: number;
}

/** One matching variant row (an ALT allele carried by at least one individual), aggregate columns only. */
export interface MatchedVariant {
  datasetId: string;
  chrom: string;
  pos: number;
  ref: string;
  alt: string;
  variantType: string;
  ac: number;
  an: number;
  het: number;
  homAlt: number;
  hemi: number;
}

interface MatchRow {
  catalog_version: string;
  dataset_id: string | null;
  chrom: string;
  pos: number;
  ref: string;
  alt: string;
  variant_type: string;
  ac: number;
  an: number;
  het: number;
  hom_alt: number;
  hemi: number;
}

export interface DatasetCatalog {
  /** Changes whenever any dataset row is inserted, updated or deleted. */
  version: string;
  datasets: ReadonlyMap<string, BeaconDataset>;
}

/** The panel prices a match statement carries: these panels' alleles in the query's window. */
export interface PanelLookup {
  panels: readonly Pick<ReferencePanel, 'id' | 'maxVariantLength'>[];
  window: PanelWindow;
  /** At most this many alleles per panel. */
  limit: number;
}

// A fingerprint of the whole dataset table (ids and row versions): any insert, update or delete of a
// dataset changes it, so the service notices a stale metadata cache in the same round trip.
const CATALOG_VERSION = `(SELECT md5(coalesce(string_agg(id || ':' || xmin::text, ',' ORDER BY id), ''))
  FROM dataset)`;

const COLUMNS = `v.dataset_id, v.chrom, v.pos, v.ref, v.alt, v.variant_type, v.ac, v.an, v.het, v.hom_alt, v.hemi`;

/** Rows past this many matches are not read (a range is at most HELIXGATE_MAX_RANGE_BP wide anyway). */
export const MAX_MATCHED_ROWS = 100_000;

// Only alleles someone carries exist for a beacon (AC = 0 rows say "seen in the file, in nobody").
// The catalog row comes back even when nothing matched (LEFT JOIN LATERAL ... ON true).
const SEQUENCE_SQL = `
SELECT c.v AS catalog_version, m.*
FROM (SELECT ${CATALOG_VERSION} AS v) c
LEFT JOIN LATERAL (
  SELECT ${COLUMNS}
  FROM variant v
  WHERE v.dataset_id = ANY($1::text[]) AND v.chrom = $2 AND v.pos = $3
    AND ($4::text IS NULL OR (v.ref LIKE $4::text AND v.ref ~ '^[ACGTN]+$'))
    AND v.alt LIKE $5 AND v.alt ~ '^[ACGTN]+$'
    AND v.ac > 0
  ORDER BY v.dataset_id, v.pos, v.ref, v.alt
  LIMIT ${MAX_MATCHED_ROWS}
) m ON true`;

// A `*` ALT (SPANNING_DEL) only says that a deletion row elsewhere covers this site: that deletion is
// counted itself, so the `*` rows are not counted again.
// A variant [pos, end_pos] overlaps the window [first, last] when pos <= last and end_pos >= first.
// end_pos - pos <= max_variant_length bounds pos from below, so the (dataset_id, chrom, pos) index
// scans only [first - max_variant_length, last]; the bound is read fresh from each dataset row.
const RANGE_SQL = `
SELECT c.v AS catalog_version, m.*
FROM (SELECT ${CATALOG_VERSION} AS v) c
LEFT JOIN LATERAL (
  SELECT ${COLUMNS}
  FROM dataset d
  JOIN variant v ON v.dataset_id = d.id
  WHERE d.id = ANY($1::text[]) AND v.chrom = $2
    AND v.pos BETWEEN $3::int - d.max_variant_length AND $4::int
    AND v.end_pos >= $3::int
    AND v.ac > 0
    AND v.variant_type <> 'SPANNING_DEL'
    AND ${variantFilterSql('v.', '$5', '$8', '$9')}
    AND ($6::text IS NULL OR (v.ref LIKE $6::text AND v.ref ~ '^[ACGTN]+$'))
    AND ($7::text IS NULL OR (v.alt LIKE $7::text AND v.alt ~ '^[ACGTN]+$'))
  ORDER BY v.dataset_id, v.pos, v.ref, v.alt
  LIMIT ${MAX_MATCHED_ROWS}
) m ON true`;

// Bracket: the variant begins within [posMin, posMax] and its last base lies within [endMin, endMax].
const BRACKET_SQL = `
SELECT c.v AS catalog_version, m.*
FROM (SELECT ${CATALOG_VERSION} AS v) c
LEFT JOIN LATERAL (
  SELECT ${COLUMNS}
  FROM variant v
  WHERE v.dataset_id = ANY($1::text[]) AND v.chrom = $2
    AND v.pos BETWEEN $3::int AND $4::int
    AND v.end_pos BETWEEN $5::int AND $6::int
    AND v.ac > 0
    AND v.variant_type <> 'SPANNING_DEL'
    AND ${variantFilterSql('v.', '$7', '$8', '$9')}
  ORDER BY v.dataset_id, v.pos, v.ref, v.alt
  LIMIT ${MAX_MATCHED_ROWS}
) m ON true`;

/** Named, parameterised queries of the beacon. Aggregate columns only: no genotype is read or decrypted. */
@Injectable()
export class BeaconRepository {
  /**
   * On a PostgreSQL server the hot queries go straight to the pg pool as named prepared statements
   * (parsed and planned once per connection: about 0.1 ms less per query than TypeORM's unnamed ones);
   * on PGlite through TypeORM (libs/db pooled-statements.ts says why).
   */
  private readonly statements: PooledStatements;
  /**
   * Streaming replicas (HELIXGATE_DATABASE_REPLICA_URLS), taken in turn for variant matching only. What
   * decides access (grants, revocations, budgets, the dataset catalog the decisions are made on) and the
   * audit are read and written on the primary.
   */
  private readonly replicas: PgPool[];
  private nextReplica = 0;
  /** Where match queries went: answered by a replica, sent on to the primary (stale or failing replica). */
  readonly replicaStats = { replica: 0, stale: 0, failed: 0 };

  constructor(
    private readonly dataSource: DataSource,
    connection: DatabaseConnection,
  ) {
    const driver = dataSource.driver;
    const postgres = connection.kind === 'postgres' && driver instanceof PostgresDriver;
    this.statements = new PooledStatements(dataSource);
    // Each replica's hot statements in a pool beside TypeORM's, with generic plans (libs/db).
    this.replicas =
      postgres && connection.replicaUrls.length > 0 ? (driver.slaves as PgPool[]).map(genericPlanPool) : [];
  }

  /** Whether variant matching may be read from replicas. */
  get hasReplicas(): boolean {
    return this.replicas.length > 0;
  }

  private run<R>(name: string, text: string, values: unknown[]): Promise<R[]> {
    return this.statements.query<R>(name, text, values);
  }

  /** The dataset catalog's current version, on the primary. */
  async catalogVersion(): Promise<string> {
    const [{ v }] = await this.run<{ v: string }>(
      'helixgate_beacon_catalog_version_v1',
      `SELECT ${CATALOG_VERSION} AS v`,
      [],
    );
    return v;
  }

  /** Every dataset's beacon metadata and the catalog version it was read at. */
  async listDatasets(): Promise<DatasetCatalog> {
    const rows: {
      catalog_version: string;
      id: string | null;
      assembly: Assembly;
      security_level: SecurityLevel;
      individual_count: number;
    }[] = await this.dataSource.query(
      `SELECT ${CATALOG_VERSION} AS catalog_version, d.id, d.assembly, d.security_level, d.individual_count
         FROM (SELECT 1) one LEFT JOIN dataset d ON true`,
    );
    const datasets = new Map<string, BeaconDataset>();
    for (const r of rows)
      if (r.id !== null)
        datasets.set(r.id, {
          id: r.id,
          assembly: r.assembly,
          securityLevel: r.security_level,
          individualCount: r.individual_count,
        });
    return { version: rows[0].catalog_version, datasets };
  }

  /**
   * One statement, one round trip, for all the datasets: the matching variant rows (aggregate columns only:
   * no genotype is read here) and the catalog version to check the caller's metadata against.
   */
  async matchVariants(
    query: VariantQuery,
    datasetIds: readonly string[],
    expectedCatalogVersion?: string,
  ): Promise<{ catalogVersion: string; rows: MatchedVariant[] }> {
    const [name, text, params] = matchStatement(query);
    const values = [datasetIds, ...params];
    let rows: MatchRow[] | null = null;
    if (this.replicas.length > 0 && expectedCatalogVersion !== undefined) {
      // A replica answers only when it has seen the dataset table as the primary's catalog is: the version
      // is a fingerprint of every dataset row (id and row version), and ingest, withdrawal and deletion
      // change the dataset row in the same transaction as the variant rows. So a replica that has not yet
      // replayed a dataset's ingest returns another version, and the query goes to the primary.
      const replica = this.replicas[this.nextReplica++ % this.replicas.length];
      try {
        const r = (await replica.query<MatchRow>({ name, text, values })).rows;
        if (r[0]?.catalog_version === expectedCatalogVersion) {
          rows = r;
          this.replicaStats.replica++;
        } else this.replicaStats.stale++;
      } catch {
        this.replicaStats.failed++; // a replica down or in recovery conflict: the primary answers
      }
    }
    rows ??= await this.run<MatchRow>(name, text, values);
    return { catalogVersion: rows[0].catalog_version, rows: matchedVariants(rows) };
  }

  /**
   * The match and the panel prices in one statement on the primary (one round trip where there were two):
   * the matching rows and catalog version as `matchVariants`, and each panel's alleles in the window as
   * `PanelService.allelesInWindow` (the same SQL, libs/panels). Without replicas only: with them the
   * match goes to a replica and the prices, which decide what may be released, stay on the primary.
   */
  async matchAndPrice(
    query: VariantQuery,
    datasetIds: readonly string[],
    lookup: PanelLookup,
  ): Promise<{ catalogVersion: string; rows: MatchedVariant[]; panelAlleles: Map<number, PanelAllele[]> }> {
    const [name, text, params] = matchStatement(query);
    const first = params.length + 2;
    const combined = `
WITH matched AS (${text}), priced AS (${panelWindowSql(first)})
SELECT 0 AS src, catalog_version, dataset_id, chrom, pos, ref, alt, variant_type, ac, an, het, hom_alt, hemi,
       NULL::int AS panel_id, NULL::int AS end_pos, NULL::float8 AS af
  FROM matched
UNION ALL
SELECT 1, NULL, NULL, chrom, pos, ref, alt, variant_type, ac, an, NULL, NULL, NULL, panel_id, end_pos, af
  FROM priced
ORDER BY src, dataset_id, pos, ref, alt`;
    const rows = await this.run<MatchRow & PanelAlleleRow & { src: number }>(`${name}_priced_v1`, combined, [
      datasetIds,
      ...params,
      ...panelWindowValues(lookup.panels, lookup.window, lookup.limit),
    ]);
    const matched = rows.filter((r) => r.src === 0);
    const panelAlleles = new Map<number, PanelAllele[]>(lookup.panels.map((p) => [p.id, []]));
    for (const r of rows) if (r.src === 1) panelAlleles.get(r.panel_id)?.push(toPanelAllele(r));
    return { catalogVersion: matched[0].catalog_version, rows: matchedVariants(matched), panelAlleles };
  }
}

function matchedVariants(rows: MatchRow[]): MatchedVariant[] {
  return rows
    .filter((r) => r.dataset_id !== null)
    .map((r) => ({
      datasetId: r.dataset_id!,
      chrom: r.chrom,
      pos: r.pos,
      ref: r.ref,
      alt: r.alt,
      variantType: r.variant_type,
      ac: r.ac,
      an: r.an,
      het: r.het,
      homAlt: r.hom_alt,
      hemi: r.hemi,
    }));
}

/** The prepared statement (name, SQL) of a query's kind and its parameters after the dataset ids. */
function matchStatement(query: VariantQuery): [string, string, unknown[]] {
  switch (query.kind) {
    case 'sequence': {
      const { chrom, pos, refPattern, altPattern } = query;
      return ['helixgate_beacon_sequence_v3', SEQUENCE_SQL, [chrom, pos, refPattern, altPattern]];
    }
    case 'range': {
      const { chrom, first, last, variantTypes, refPattern, altPattern, minLength, maxLength } = query;
      const params = [chrom, first, last, variantTypes, refPattern, altPattern, minLength, maxLength];
      return ['helixgate_beacon_range_v3', RANGE_SQL, params];
    }
    case 'bracket': {
      const { chrom, posMin, posMax, endMin, endMax, variantTypes, minLength, maxLength } = query;
      const params = [chrom, posMin, posMax, endMin, endMax, variantTypes, minLength, maxLength];
      return ['helixgate_beacon_bracket_v2', BRACKET_SQL, params];
    }
    default: {
      const unknown: never = query;
      throw new Error(`unhandled query kind ${String(unknown)}`);
    }
  }
}
