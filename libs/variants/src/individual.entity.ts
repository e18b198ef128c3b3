import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One sample of a dataset, by its column index in the dataset's VCF(s); the sample id is encrypted. */
@Entity('individual')
export class IndividualEntity {
  @PrimaryColumn('text', { name: 'dataset_id' })
  datasetId: string;

  @PrimaryColumn('integer')
  idx: number;

  @Column('bytea', { name: 'sample_id_enc', select: false })
  sampleIdEnc: Buffer;

  @Column('integer', { name: 'key_version' })
  keyVersion: number;

  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;
}
