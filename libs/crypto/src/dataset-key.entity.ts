import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A dataset's data-encryption key, wrapped (AES-256-GCM) by a master key. Never exposed through GraphQL. */
@Entity('dataset_key')
export class DatasetKeyEntity {
  @PrimaryColumn('text', { name: 'dataset_id' })
  datasetId: string;

  @PrimaryColumn('integer')
  version: number;

  @Column('text', { name: 'master_key_id' })
  masterKeyId: string;

  @Column('bytea', { name: 'wrapped_key' })
  wrappedKey: Buffer;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'retired_at', nullable: true })
  retiredAt: Date | null;
}
