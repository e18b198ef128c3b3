import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { BeaconGranularity } from '../models/beacon-response.model';

/** A Beacon v2 ontology filter on individuals (`/api/filtering_terms` lists the terms present). */
@InputType()
export class BeaconFilterInput {
  @Field(() => String, {
    description: 'A term id (CURIE): NCIT:C16576 (female), HANCESTRO:0005, MONDO:0007254, HP:0001250, ...',
  })
  id: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Also match the descendants of the term in its ontology (default true)',
  })
  includeDescendantTerms?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      'exact (default), high, medium or low: match the terms under the ancestor 0, 1, 2 or 3 is_a steps up',
  })
  similarity?: 'exact' | 'high' | 'medium' | 'low' | null;

  @Field(() => String, { nullable: true, description: 'Entry type the filter applies to: individual' })
  scope?: string | null;
}

/**
 * A Beacon v2 genomic variant query. Without `end`: a sequence query (exact allele, VCF-style bases with
 * the anchor base for indels). With `end`: a range query (any variant overlapping [start, end)).
 */
@InputType()
export class BeaconQueryInput {
  @Field(() => String, {
    nullable: true,
    description:
      'GRCh37 or GRCh38 (also hg19/hg38 and patch names such as GRCh38.p14). Required, except with geneId (default GRCh38)',
  })
  assemblyId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Chromosome: `20`, `chr20` or RefSeq `NC_000020.11`. Required, except with geneId (where it chooses among the chromosomes of a gene on X and Y)',
  })
  referenceName?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: '0-based position (Beacon v2); VCF POS - 1. Required, except with geneId',
  })
  start?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Gene query: an HGNC symbol (case-insensitive), alias (HER2) or NCBI Gene id, answered as the range query over the gene span on GRCh38; replaces start, end and the bases',
  })
  geneId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: '0-based exclusive end; makes this a range query (at most HELIXGATE_MAX_RANGE_BP wide)',
  })
  end?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Bracket query: the variant begins within [start, startMax] (0-based); needs end and endMax',
  })
  startMax?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Bracket query: the variant ends within [end, endMax] (0-based, exclusive end)',
  })
  endMax?: number | null;

  @Field(() => String, { nullable: true, description: 'A, C, G, T; N matches any one base' })
  referenceBases?: string | null;

  @Field(() => String, { nullable: true, description: 'A, C, G, T; N matches any one base' })
  alternateBases?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Range, bracket and gene queries: SNP, MNP, DEL (sequence deletions and <DEL>), INS, INDEL (every sequence indel), DUP, INV, CNV, BND, an SV subtype (DUP:TANDEM: symbolic only), or an SO/EFO term (SO:0000159, EFO:0030067, ...)',
  })
  variantType?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Range, bracket and gene queries: the variant is at least this many bases long (SNP 1, MNP its length, an indel the bases inserted or deleted, an SV END - POS)',
  })
  variantMinLength?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Range, bracket and gene queries: the variant is at most this many bases long',
  })
  variantMaxLength?: number | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Datasets to ask; default: every dataset visible to you on this assembly',
  })
  datasetIds?: string[] | null;

  @Field(() => [BeaconFilterInput], {
    nullable: true,
    description:
      'Beacon v2 filters, ANDed: only variants carried by individuals matching every filter (and counted in that cohort)',
  })
  filters?: BeaconFilterInput[] | null;

  @Field(() => BeaconGranularity, { defaultValue: BeaconGranularity.BOOLEAN })
  requestedGranularity: BeaconGranularity;
}
