import type { Role } from '@helixgate/common';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('app_user')
export class AppUserEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { unique: true })
  username: string;

  @Column('text', { array: true, default: () => "'{}'" })
  roles: Role[];

  @Column('text', { nullable: true })
  institution: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;
}
