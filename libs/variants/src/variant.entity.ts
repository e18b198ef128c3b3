import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One ALT allele of one VCF record (multi-allelic records are split). Genotypes are encrypted. */
@Entity('variant')
export class VariantEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('text', { name: 'dataset_id' })
  datasetId: string;

  /** normalised contig (`normalizeContig`) */
  @Column('text')
  chrom: string;

  /** 1-based VCF POS */
  @Column('integer')
  pos: number;

  /** 1-based inclusive end */
  @Column('integer', { name: 'end_pos' })
  endPos: number;

  @Column('text')
  ref: string;

  @Column('text')
  alt: string;

  @Column('text', { name: 'variant_type' })
  variantType: string;

  @Column('integer')
  ac: number;

  @Column('integer')
  an: number;

  @Column('integer')
  het: number;

  @Column('integer', { name: 'hom_alt' })
  homAlt: number;

  @Column('integer')
  hemi: number;

  /** AES-256-GCM ciphertext of the genotype codec (see ingest/genotype-codec.ts) */
  @Column('bytea', { select: false })
  genotypes: Buffer;

  @Column('integer', { name: 'key_version' })
  keyVersion: number;
}
