import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const ASSEMBLIES = ['GRCh37', 'GRCh38'] as const;
export type Assembly = (typeof ASSEMBLIES)[number];
export const SECURITY_LEVELS = ['PUBLIC', 'REGISTERED', 'CONTROLLED'] as const;
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];

@Entity('dataset')
export class DatasetEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;

  @Column('text')
  assembly: Assembly;

  @Column('text', { name: 'security_level' })
  securityLevel: SecurityLevel;

  @Column('integer', { name: 'individual_count', default: 0 })
  individualCount: number;

  @Column('bigint', {
    name: 'variant_count',
    default: 0,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  variantCount: number;

  @Column('integer', { name: 'max_variant_length', default: 0 })
  maxVariantLength: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
