import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum BeaconGranularity {
  BOOLEAN = 'BOOLEAN',
  COUNT = 'COUNT',
  RECORD = 'RECORD',
}
registerEnumType(BeaconGranularity, {
  name: 'BeaconGranularity',
  description:
    'BOOLEAN: exists only; COUNT: counts; RECORD: which individuals carry the allele, with their genotypes (grant holders only)',
});

/** Beacon v2 `countPrecision`: how a released count was adjusted (the stored/REST value is the lower-case one). */
export enum CountPrecision {
  EXACT = 'exact',
  IMPRECISE = 'imprecise',
  ROUNDED = 'rounded',
}
registerEnumType(CountPrecision, {
  name: 'CountPrecision',
  description:
    'Beacon v2 countPrecision: EXACT; IMPRECISE (a small count reported as the floor, or a count the privacy guard may have reduced); ROUNDED (to a multiple of countAdjustedTo)',
});

@ObjectType('BeaconCarrier', { description: 'An individual carrying the allele (record-level answers only)' })
export class BeaconCarrierModel {
  @Field({ description: 'Identifier of the individual in the source VCF' })
  sampleId: string;

  @Field({ description: 'The call for this allele as the split VCF shows it: 0|1, 1/1, 1 (haploid), 1/.' })
  genotype: string;
}

@ObjectType('BeaconVariantRecord')
export class BeaconVariantRecordModel {
  @Field()
  chrom: string;

  @Field(() => Int, { description: 'VCF POS (1-based)' })
  pos: number;

  @Field()
  ref: string;

  @Field()
  alt: string;

  @Field()
  variantType: string;

  @Field(() => Int)
  alleleCount: number;

  @Field(() => Int)
  alleleNumber: number;

  @Field(() => [BeaconCarrierModel])
  carriers: BeaconCarrierModel[];
}

@ObjectType('BeaconResultSet', { description: 'The answer of one dataset' })
export class BeaconResultSetModel {
  @Field(() => ID)
  datasetId: string;

  @Field({ description: 'At least one variant row matched' })
  exists: boolean;

  @Field(() => BeaconGranularity, { description: 'Granularity actually returned for this dataset' })
  granularity: BeaconGranularity;

  @Field(() => Int, {
    nullable: true,
    description: 'Matching variant rows (one per ALT allele); COUNT granularity only',
  })
  count: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Heterozygous carriers of the matching allele. For a range query (or an N wildcard matching several alleles) this is the SUM over the matching variants, not a count of distinct individuals.',
  })
  hetCarriers: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Homozygous-alt carriers; for a range query a per-variant SUM, not distinct individuals.',
  })
  homAltCarriers: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Hemizygous (haploid) carriers; for a range query a per-variant SUM, not distinct individuals.',
  })
  hemiCarriers: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'AC of the allele, computed from genotypes; only when exactly one variant row matched',
  })
  alleleCount: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'AN (called alleles) at the site; only when exactly one variant row matched',
  })
  alleleNumber: number | null;

  @Field(() => Float, { nullable: true, description: 'alleleCount / alleleNumber, when both are given' })
  alleleFrequency: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Beacon v2 countPrecision of the counts: exact, imprecise (a small count reported as the floor) or rounded',
    deprecationReason: 'Use precision (the CountPrecision enum)',
  })
  countPrecision: string | null;

  @Field(() => Int, { nullable: true, description: 'The floor or rounding unit the counts were adjusted to' })
  countAdjustedTo: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'How count (the matching variants) was released: exact, or imprecise when the privacy guard may have left alleles out of it (decided from the reference panel and the query, never from the data)',
    deprecationReason: 'Use resultsPrecision (the CountPrecision enum)',
  })
  resultsCountPrecision?: string | null;

  @Field(() => [BeaconVariantRecordModel], {
    nullable: true,
    description: 'RECORD granularity only: the matching variants with their carriers (at most 100)',
  })
  records: BeaconVariantRecordModel[] | null;

  @Field({ description: 'RECORD granularity: more variants matched than were returned' })
  recordsTruncated: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'With filters: fewer individuals of this dataset match them than the count floor, so it answers nothing about them',
  })
  cohortBelowFloor?: boolean | null;
}

@ObjectType('BeaconMeta')
export class BeaconMetaModel {
  @Field({ description: 'Correlation id of this request (also in the x-request-id header and the logs)' })
  requestId: string;

  @Field({
    description:
      'This beacon: the reverse-DNS form of HELIXGATE_NODE_ID, as the REST face, /api/info and service-info give it',
  })
  beaconId: string;

  @Field({ description: 'The Beacon API version, as the REST face gives it' })
  apiVersion: string;

  @Field(() => BeaconGranularity)
  requestedGranularity: BeaconGranularity;

  @Field(() => BeaconGranularity, {
    description: 'The lowest granularity any dataset answered with',
  })
  returnedGranularity: BeaconGranularity;
}

@ObjectType('BeaconResponse')
export class BeaconResponseModel {
  @Field(() => BeaconMetaModel)
  meta: BeaconMetaModel;

  @Field({ description: 'The variant exists in at least one dataset answering this query' })
  exists: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Sum of the counts of datasets answering at COUNT granularity; null when none did',
  })
  numTotalResults: number | null;

  @Field(() => [BeaconResultSetModel], { description: 'One entry per dataset queried' })
  resultSets: BeaconResultSetModel[];

  @Field(() => [String], {
    description:
      'Beacon warnings, e.g. a filter that is no filtering term of this beacon (it matches nothing)',
  })
  warnings: string[];
}
