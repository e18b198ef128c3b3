import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ConsentModifier, DuoPermission } from './duo-codes';

@Entity('dataset_consent')
export class DatasetConsentEntity {
  @PrimaryColumn('text', { name: 'dataset_id' })
  datasetId: string;

  @Column('text')
  permission: DuoPermission;

  @Column('text', { array: true, default: () => "'{}'" })
  diseases: string[];

  @Column('jsonb', { default: () => "'[]'::jsonb" })
  modifiers: ConsentModifier[];

  /** Subject of whoever set the consent last. */
  @Column('text', { name: 'updated_by' })
  updatedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
