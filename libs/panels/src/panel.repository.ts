import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { PooledStatements, returnedRows } from '@helixgate/db';
import { variantFilterSql } from '@helixgate/variants';

/** A reference panel as registered (its alleles are in `panel_allele`). */
export interface ReferencePanel {
  id: number;
  name: string;
  assembly: 'GRCh37' | 'GRCh38';
  sourceFile: string;
  sha256: string;
  alleleCount: number;
  /** Longest allele span (end - pos): bounds range lookups. */
  maxVariantLength: number;
  frequencySource: string;
  importedBy: string | null;
  importedAt: Date;
}

/** One allele of a panel: its frequency, and the counts behind it when the file gave them. */
export interface PanelAllele {
  chrom: string;
  pos: number;
  endPos: number;
  ref: string;
  alt: string;
  variantType: string;
  af: number;
  ac: number | null;
  an: number | null;
}

/** The part of a Beacon query a panel lookup needs (1-based inclusive coordinates, as stored). */
export interface PanelWindow {
  chrom: string;
  /** Variants beginning within [posMin, posMax] ... */
  posMin: number;
  posMax: number;
  /** ... and ending within [endMin, endMax] (a range query: endMin = window start, endMax unbounded). */
  endMin: number;
  endMax: number;
  /** SQL LIKE patterns of the Beacon query (`_` = one base), as the beacon's own SQL applies them. */
  refPattern: string | null;
  altPattern: string | null;
  /** Variant classes and length bounds (libs/variants variant-class.ts), as the beacon's SQL applies them. */
  variantTypes: readonly string[] | null;
  minLength: number | null;
  maxLength: number | null;
}

interface PanelRow {
  id: number;
  name: string;
  assembly: 'GRCh37' | 'GRCh38';
  source_file: string;
  sha256: string;
  allele_count: number;
  max_variant_length: number;
  frequency_source: string;
  imported_by: string | null;
  imported_at: Date;
}

/** A `panel_allele` row as read. */
export interface AlleleRow {
  chrom: string;
  pos: number;
  end_pos: number;
  ref: string;
  alt: string;
  variant_type: string;
  af: number;
  ac: number | null;
  an: number | null;
}

const PANEL_COLUMNS =
  'id, name, assembly, source_file, sha256, allele_count, max_variant_length, frequency_source, imported_by, imported_at';
const ALLELE_COLUMNS = 'chrom, pos, end_pos, ref, alt, variant_type, af, ac, an';

/** Every query of `reference_panel` and `panel_allele`. */
@Injectable()
export class PanelRepository {
  /** The query path's panel lookup (every priced answer) goes straight to the pg pool on PostgreSQL. */
  private readonly statements: PooledStatements;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.statements = new PooledStatements(dataSource);
  }

  async findByName(
    name: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<ReferencePanel | null> {
    const rows: PanelRow[] = await em.query(`SELECT ${PANEL_COLUMNS} FROM reference_panel WHERE name = $1`, [
      name,
    ]);
    return rows.length ? toPanel(rows[0]) : null;
  }

  async list(): Promise<ReferencePanel[]> {
    const rows: PanelRow[] = await this.dataSource.query(
      `SELECT ${PANEL_COLUMNS} FROM reference_panel ORDER BY name`,
    );
    return rows.map(toPanel);
  }

  /** Registers a panel inside the import's transaction (taking a lock on the name). */
  async create(
    em: EntityManager,
    p: Pick<ReferencePanel, 'name' | 'assembly' | 'sourceFile' | 'sha256' | 'frequencySource' | 'importedBy'>,
  ): Promise<number> {
    const [row]: { id: number }[] = await em.query(
      `INSERT INTO reference_panel (name, assembly, source_file, sha256, frequency_source, imported_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [p.name, p.assembly, p.sourceFile, p.sha256, p.frequencySource, p.importedBy],
    );
    return row.id;
  }

  async remove(em: EntityManager, name: string): Promise<boolean> {
    const raw: unknown = await em.query(`DELETE FROM reference_panel WHERE name = $1 RETURNING id`, [name]);
    return returnedRows(raw).length > 0;
  }

  async finish(
    em: EntityManager,
    id: number,
    s: { alleleCount: number; maxVariantLength: number; frequencySource: string },
  ): Promise<void> {
    await em.query(
      `UPDATE reference_panel SET allele_count = $2, max_variant_length = $3, frequency_source = $4 WHERE id = $1`,
      [id, s.alleleCount, s.maxVariantLength, s.frequencySource],
    );
  }

  /**
   * One multi-row statement per batch (arrays through unnest): the bulk path the house style asks for,
   * the same on PostgreSQL and on the embedded database. A repeated allele violates the unique key.
   */
  async insertAlleles(em: EntityManager, panelId: number, rows: readonly PanelAllele[]): Promise<void> {
    if (rows.length === 0) return;
    await em.query(
      `INSERT INTO panel_allele (panel_id, chrom, pos, end_pos, ref, alt, variant_type, af, ac, an)
       SELECT $1, u.* FROM unnest($2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[],
                                  $8::float8[], $9::int[], $10::int[])
         AS u(chrom, pos, end_pos, ref, alt, variant_type, af, ac, an)`,
      [
        panelId,
        rows.map((r) => r.chrom),
        rows.map((r) => r.pos),
        rows.map((r) => r.endPos),
        rows.map((r) => r.ref),
        rows.map((r) => r.alt),
        rows.map((r) => r.variantType),
        rows.map((r) => r.af),
        rows.map((r) => r.ac),
        rows.map((r) => r.an),
      ],
    );
  }

  /** The panel's alleles with exactly these keys (chrom, pos, ref, alt). */
  async allelesByKey(
    panelId: number,
    keys: readonly { chrom: string; pos: number; ref: string; alt: string }[],
  ): Promise<PanelAllele[]> {
    if (keys.length === 0) return [];
    const rows: AlleleRow[] = await this.dataSource.query(
      `SELECT p.chrom, p.pos, p.end_pos, p.ref, p.alt, p.variant_type, p.af, p.ac, p.an
         FROM panel_allele p
         JOIN unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS k(chrom, pos, ref, alt)
           ON p.chrom = k.chrom AND p.pos = k.pos AND p.ref = k.ref AND p.alt = k.alt
        WHERE p.panel_id = $1`,
      [
        panelId,
        keys.map((k) => k.chrom),
        keys.map((k) => k.pos),
        keys.map((k) => k.ref),
        keys.map((k) => k.alt),
      ],
    );
    return rows.map(toPanelAllele);
  }

  /** The panel's alleles a query window can match (what the query could reveal, known before the data). */
  async allelesInWindow(panel: ReferencePanel, w: PanelWindow, limit: number): Promise<PanelAllele[]> {
    const rows = await this.statements.query<PanelAlleleRow>(
      'helixgate_panel_alleles_in_window_v2',
      panelWindowSql(1),
      panelWindowValues([panel], w, limit),
    );
    return rows.map(toPanelAllele);
  }
}

/**
 * The panel lookup of a query window as SQL over the parameters `$first` … `$first + 11` (values from
 * `panelWindowValues`): one path for the lookup on its own (`allelesInWindow`) and for the beacon's match
 * statement, which carries it where it may (one round trip for the match and its prices, libs/beacon).
 * Rows: `panel_id` and the allele's columns (`PanelAlleleRow`), at most `limit` per panel.
 *
 * An allele of the window begins within [posMin, posMax] and ends within [endMin, endMax]; its span is at
 * most the panel's longest (`max_variant_length`), so the (panel_id, chrom, pos) index is scanned only
 * from `endMin - max_variant_length`, per panel.
 */
export function panelWindowSql(first: number): string {
  const $ = (i: number) => `$${first + i}`;
  return `SELECT k.panel_id, a.chrom, a.pos, a.end_pos, a.ref, a.alt, a.variant_type, a.af, a.ac, a.an
    FROM unnest(${$(0)}::int[], ${$(1)}::int[]) AS k(panel_id, pos_min)
    CROSS JOIN LATERAL (
      SELECT ${ALLELE_COLUMNS} FROM panel_allele
       WHERE panel_id = k.panel_id AND chrom = ${$(2)}::text AND pos BETWEEN k.pos_min AND ${$(3)}::int
         AND end_pos BETWEEN ${$(4)}::int AND ${$(5)}::int
         AND (${$(6)}::text IS NULL OR (ref LIKE ${$(6)}::text AND ref ~ '^[ACGTN]+$'))
         AND (${$(7)}::text IS NULL OR (alt LIKE ${$(7)}::text AND alt ~ '^[ACGTN]+$'))
         AND ${variantFilterSql('', $(8), $(9), $(10))}
       LIMIT ${$(11)}::int
    ) a`;
}

/** The values of `panelWindowSql`'s parameters for these panels (each read at most `limit` alleles). */
export function panelWindowValues(
  panels: readonly Pick<ReferencePanel, 'id' | 'maxVariantLength'>[],
  w: PanelWindow,
  limit: number,
): unknown[] {
  return [
    panels.map((p) => p.id),
    panels.map((p) => Math.max(0, w.posMin, w.endMin - p.maxVariantLength)),
    w.chrom,
    w.posMax,
    w.endMin,
    w.endMax,
    w.refPattern,
    w.altPattern,
    w.variantTypes,
    w.minLength,
    w.maxLength,
    limit,
  ];
}

/** One row of `panelWindowSql`. */
export interface PanelAlleleRow extends AlleleRow {
  panel_id: number;
}

function toPanel(r: PanelRow): ReferencePanel {
  return {
    id: r.id,
    name: r.name,
    assembly: r.assembly,
    sourceFile: r.source_file,
    sha256: r.sha256,
    alleleCount: r.allele_count,
    maxVariantLength: r.max_variant_length,
    frequencySource: r.frequency_source,
    importedBy: r.imported_by,
    importedAt: r.imported_at,
  };
}

export function toPanelAllele(r: AlleleRow): PanelAllele {
  return {
    chrom: r.chrom,
    pos: r.pos,
    endPos: r.end_pos,
    ref: r.ref,
    alt: r.alt,
    variantType: r.variant_type,
    af: Number(r.af),
    ac: r.ac === null ? null : Number(r.ac),
    an: r.an === null ? null : Number(r.an),
  };
}
