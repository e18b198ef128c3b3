import { DomainError } from '@helixgate/common';
import type { ResolvedGene } from '@helixgate/genes';
import {
  parseAssembly,
  parseReferenceName,
  validateBeaconQuery,
  type BeaconQueryRequest,
  type QueryLimits,
  type RangeQuery,
} from './beacon-query';

/** The assembly a gene query is on when the caller names none: the only one with gene coordinates here. */
export const GENE_QUERY_DEFAULT_ASSEMBLY = 'GRCh38';

/**
 * The checks of a gene query that need no gene index: no position or alleles beside `geneId` (a gene query
 * is its own Beacon request type), and an assembly with gene coordinates. Run before the index is loaded.
 */
export function checkGeneRequest(req: BeaconQueryRequest): void {
  const positional = (
    ['start', 'end', 'startMax', 'endMax', 'referenceBases', 'alternateBases'] as const
  ).filter((k) => req[k] != null && req[k] !== '');
  if (positional.length) {
    throw new DomainError(
      'BAD_REQUEST',
      `geneId replaces ${positional.join(', ')}: ask by gene or by position, not both`,
    );
  }
  const assembly = parseAssembly(req.assemblyId || GENE_QUERY_DEFAULT_ASSEMBLY);
  if (assembly !== 'GRCh38') {
    throw new DomainError(
      'UNSUPPORTED_QUERY',
      `geneId queries on ${assembly} are not supported: this node has gene coordinates for GRCh38 only ` +
        '(gene annotations read from a VCF at ingest, VEP CSQ / SnpEff ANN, are not queried yet); ' +
        'ask by referenceName, start and end instead',
    );
  }
}

/**
 * A gene query as the range query over the gene's span: Beacon `start`/`end` are the gene's 0-based,
 * half-open [start, end) (libs/genes/data/SOURCES.md), so a variant overlapping any base of the gene
 * matches, exactly as the same range asked by position. `variantType` and `datasetIds` carry over. The
 * result goes through the same validation (range width limit included), privacy guard, quota and audit as
 * any range query: it is priced and charged as one.
 *
 * A gene on several chromosomes (pseudo-autosomal, X and Y) needs `referenceName` to choose one; a
 * `referenceName` the gene is not on is refused. Never an empty answer for a question that cannot be asked.
 */
export function geneRangeQuery(req: BeaconQueryRequest, gene: ResolvedGene, limits: QueryLimits): RangeQuery {
  checkGeneRequest(req);
  let loci = gene.loci;
  const where = (chroms: readonly string[]) => chroms.join(' and ');
  if (req.referenceName) {
    const chrom = parseReferenceName(req.referenceName);
    loci = loci.filter((l) => l.chrom === chrom);
    if (loci.length === 0) {
      throw new DomainError(
        'INVALID_REFERENCE_NAME',
        `gene ${gene.symbol} is on chromosome ${where(gene.loci.map((l) => l.chrom))}, not ${chrom}`,
      );
    }
  }
  if (loci.length > 1) {
    throw new DomainError(
      'AMBIGUOUS_GENE',
      `gene ${gene.symbol} lies on chromosomes ${where(loci.map((l) => l.chrom))}: give referenceName to choose one`,
      { geneId: gene.asked, chromosomes: loci.map((l) => l.chrom) },
    );
  }
  const [locus] = loci;
  const span = locus.end - locus.start;
  if (span > limits.maxRangeBp) {
    throw new DomainError(
      'RANGE_TOO_WIDE',
      `gene ${gene.symbol} spans ${span} bp (${locus.chrom}:${locus.start}-${locus.end}), wider than the ` +
        `maximum range of ${limits.maxRangeBp} bp (HELIXGATE_MAX_RANGE_BP); ask by range over part of it`,
    );
  }
  const query = validateBeaconQuery(
    {
      ...req,
      assemblyId: req.assemblyId || GENE_QUERY_DEFAULT_ASSEMBLY,
      referenceName: locus.chrom,
      start: locus.start,
      end: locus.end,
      geneId: null,
    },
    limits,
  );
  if (query.kind !== 'range') throw new Error('a gene query must validate as a range query');
  return { ...query, gene: { symbol: gene.symbol, entrezId: gene.entrezId } };
}
