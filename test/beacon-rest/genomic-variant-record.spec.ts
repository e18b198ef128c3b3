import { genomicVariantRecord, refseqAccession, zygosityOf, type VariantRecordLike } from '@helixgate/beacon';
import { beaconValidator } from './support/beacon-schemas';

const SCHEMA = 'models/json/beacon-v2-default-model/genomicVariations/defaultSchema.json' as const;

describe('genomic variant records (Beacon v2 default model)', () => {
  const validator = beaconValidator();
  const ctx = {
    assembly: 'GRCh37' as const,
    datasetId: 'ds-1',
    datasetUrl: 'https://node.example/api/datasets/ds-1',
  };
  const snp: VariantRecordLike = {
    chrom: '20',
    pos: 1_000_100,
    ref: 'A',
    alt: 'G',
    variantType: 'SNP',
    alleleCount: 3,
    alleleNumber: 600,
    carriers: [
      { sampleId: 'S1', genotype: '0|1' },
      { sampleId: 'S2', genotype: '1/1' },
      { sampleId: 'S3', genotype: '1' },
    ],
  };

  it('maps a SNP to a schema-valid record in 0-based interbase coordinates on its RefSeq accession', () => {
    const rec = genomicVariantRecord(snp, ctx);
    expect(validator.validate(SCHEMA, rec)).toEqual([]);
    expect(rec.variantInternalId).toBe('GRCh37:20:1000099:A:G');
    expect(rec.variation.location).toEqual({
      type: 'SequenceLocation',
      sequence_id: 'refseq:NC_000020.10',
      interval: {
        type: 'SequenceInterval',
        start: { type: 'Number', value: 1000099 },
        end: { type: 'Number', value: 1000100 },
      },
    });
    expect(rec.caseLevelData.map((c) => [c.biosampleId, c.zygosity?.label])).toEqual([
      ['S1', 'heterozygous'],
      ['S2', 'homozygous'],
      ['S3', 'hemizygous'],
    ]);
    expect(rec.frequencyInPopulations?.[0].frequencies[0].alleleFrequency).toBeCloseTo(0.005);
  });

  it('maps a symbolic deletion with its END, and an indel with its anchor base', () => {
    const sv = genomicVariantRecord(
      { ...snp, pos: 1_005_000, endPos: 1_006_000, ref: 'N', alt: '<DEL>', variantType: 'DEL', carriers: [] },
      { ...ctx, assembly: 'GRCh38' },
    );
    expect(validator.validate(SCHEMA, sv)).toEqual([]);
    expect(sv.variation).toMatchObject({ alternateBases: 'N', variantType: 'DEL' });
    expect(sv.variation.location.interval.end.value).toBe(1_006_000);
    expect(sv.variation.location.sequence_id).toBe('refseq:NC_000020.11');
    const del = genomicVariantRecord({ ...snp, ref: 'AC', alt: 'A', variantType: 'INDEL' }, ctx);
    expect(validator.validate(SCHEMA, del)).toEqual([]);
    expect(del.variation.location.interval.end.value).toBe(1_000_101);
  });

  it('knows the RefSeq accessions of both assemblies, and zygosity from genotype strings', () => {
    expect(refseqAccession('GRCh37', '1')).toBe('NC_000001.10');
    expect(refseqAccession('GRCh38', 'X')).toBe('NC_000023.11');
    expect(refseqAccession('GRCh38', 'MT')).toBe('NC_012920.1');
    expect(refseqAccession('GRCh38', 'GL000220.1')).toBeNull();
    expect(zygosityOf('1/.')?.label).toBe('hemizygous');
    expect(zygosityOf('0/0')).toBeNull();
  });
});
