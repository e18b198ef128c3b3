import { Injectable } from '@nestjs/common';
import type { Assembly, SecurityLevel } from '@helixgate/variants';
import { DataSource } from 'typeorm';
import type { RangeQuery, SequenceQuery, VariantQuery } from './beacon-query';

/** The dataset facts the beacon needs to decide who may see what (no ORM hydration on the hot path). */
export interface BeaconDataset {
  id: string;
  assembly: Assembly;
  securityLevel: SecurityLevel;
}

/**
 * Aggregates of the variant rows one dataset has for a query, plus the dataset's current security level
 * and assembly as read in the same statement (so a stale metadata cache is noticed, not trusted).
 */
export interface DatasetAggregate extends BeaconDataset {
  /** Matching variant rows (one per ALT allele). */
  variants: number;
  het: number;
  homAlt: number;
  hemi: number;
  /** AC and AN when exactly one variant row matched; null otherwise. */
  alleleCount: number | null;
  alleleNumber: number | null;
}

interface AggregateRow {
  id: string;
  assembly: Assembly;
  security_level: SecurityLevel;
  variants: number;
  het: string;
  hom_alt: string;
  hemi: string;
  ac: number | null;
  an: number | null;
}

// One lateral aggregate per dataset: every dataset asked for gets exactly one row (zero counts included).
const AGGREGATES = `
  count(*)::int AS variants,
  coalesce(sum(v.het), 0)::bigint AS het,
  coalesce(sum(v.hom_alt), 0)::bigint AS hom_alt,
  coalesce(sum(v.hemi), 0)::bigint AS hemi,
  CASE WHEN count(*) = 1 THEN max(v.ac) END AS ac,
  CASE WHEN count(*) = 1 THEN max(v.an) END AS an`;

const SEQUENCE_SQL = `
SELECT d.id, d.assembly, d.security_level, a.*
FROM dataset d
CROSS JOIN LATERAL (
  SELECT ${AGGREGATES}
  FROM variant v
  WHERE v.dataset_id = d.id AND v.chrom = $2 AND v.pos = $3 AND v.ref LIKE $4 AND v.alt LIKE $5
) a
WHERE d.id = ANY($1::text[])`;

// A variant [pos, end_pos] overlaps the window [first, last] when pos <= last and end_pos >= first.
// end_pos - pos <= max_variant_length bounds pos from below, so the (dataset_id, chrom, pos) index
// scans only [first - max_variant_length, last]; the bound is read fresh from each dataset row.
const RANGE_SQL = `
SELECT d.id, d.assembly, d.security_level, a.*
FROM dataset d
CROSS JOIN LATERAL (
  SELECT ${AGGREGATES}
  FROM variant v
  WHERE v.dataset_id = d.id AND v.chrom = $2
    AND v.pos BETWEEN $3::int - d.max_variant_length AND $4::int
    AND v.end_pos >= $3::int
    AND ($5::text[] IS NULL OR v.variant_type = ANY($5::text[])
         OR split_part(v.variant_type, ':', 1) = ANY($5::text[]))
    AND ($6::text IS NULL OR v.ref LIKE $6::text)
    AND ($7::text IS NULL OR v.alt LIKE $7::text)
) a
WHERE d.id = ANY($1::text[])`;

/** Named, parameterised queries of the beacon. Aggregate columns only: no genotype is read or decrypted. */
@Injectable()
export class BeaconRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listDatasets(): Promise<BeaconDataset[]> {
    const rows: { id: string; assembly: Assembly; security_level: SecurityLevel }[] =
      await this.dataSource.query('SELECT id, assembly, security_level FROM dataset');
    return rows.map((r) => ({ id: r.id, assembly: r.assembly, securityLevel: r.security_level }));
  }

  /** One statement, one round trip, for all the datasets: their aggregates for the query. */
  async aggregateMatches(query: VariantQuery, datasetIds: readonly string[]): Promise<DatasetAggregate[]> {
    let rows: AggregateRow[];
    switch (query.kind) {
      case 'sequence':
        rows = await this.aggregateSequence(query, datasetIds);
        break;
      case 'range':
        rows = await this.aggregateRange(query, datasetIds);
        break;
      default: {
        const unknown: never = query;
        throw new Error(`unhandled query kind ${String(unknown)}`);
      }
    }
    return rows.map((r) => ({
      id: r.id,
      assembly: r.assembly,
      securityLevel: r.security_level,
      variants: r.variants,
      het: Number(r.het),
      homAlt: Number(r.hom_alt),
      hemi: Number(r.hemi),
      alleleCount: r.ac,
      alleleNumber: r.an,
    }));
  }

  private aggregateSequence(q: SequenceQuery, ids: readonly string[]): Promise<AggregateRow[]> {
    return this.dataSource.query(SEQUENCE_SQL, [ids, q.chrom, q.pos, q.refPattern, q.altPattern]);
  }

  private aggregateRange(q: RangeQuery, ids: readonly string[]): Promise<AggregateRow[]> {
    return this.dataSource.query(RANGE_SQL, [
      ids,
      q.chrom,
      q.first,
      q.last,
      q.variantTypes,
      q.refPattern,
      q.altPattern,
    ]);
  }
}
