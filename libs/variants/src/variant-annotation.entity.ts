import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One functional annotation (VEP CSQ / SnpEff ANN) of one stored ALT allele: gene, SO consequences, impact,
 * transcript, HGVS c./p. Aggregate facts about the allele, not about anyone, so not sealed; deleted with
 * its variant row. Written by ingest (COPY-free multi-row INSERT, ingest.service.ts).
 */
@Entity('variant_annotation')
export class VariantAnnotationEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('bigint', { name: 'variant_id' })
  variantId: string;

  @Column('text', { name: 'dataset_id' })
  datasetId: string;

  /** `VEP` or `SnpEff`. */
  @Column('text')
  source: string;

  @Column('text', { name: 'gene_symbol', nullable: true })
  geneSymbol: string | null;

  @Column('text', { name: 'gene_id', nullable: true })
  geneId: string | null;

  @Column('text', { array: true })
  consequences: string[];

  @Column('text', { nullable: true })
  impact: string | null;

  @Column('text', { nullable: true })
  transcript: string | null;

  @Column('text', { name: 'hgvs_c', nullable: true })
  hgvsC: string | null;

  @Column('text', { name: 'hgvs_p', nullable: true })
  hgvsP: string | null;
}
