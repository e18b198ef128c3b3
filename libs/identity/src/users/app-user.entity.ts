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

  /** The person's name as shown in the console ("Alice Smith"); the username when absent. */
  @Column('text', { name: 'display_name', nullable: true })
  displayName: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  /** scrypt hash (`scrypt$N$r$p$salt$hash`); null: no password sign-in. Never leaves the identity lib. */
  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash: string | null;

  @Column('timestamptz', { name: 'password_set_at', nullable: true })
  passwordSetAt: Date | null;

  /** SHA-256 of the one-time invitation token (the token itself is only in the link). */
  @Column('text', { name: 'invitation_hash', nullable: true, select: false })
  invitationHash: string | null;

  @Column('timestamptz', { name: 'invitation_expires_at', nullable: true })
  invitationExpiresAt: Date | null;

  /** For a user who signs in with an institutional OpenID Connect provider: their (iss, sub) there. */
  @Column('text', { name: 'external_issuer', nullable: true })
  externalIssuer: string | null;

  @Column('text', { name: 'external_subject', nullable: true })
  externalSubject: string | null;
}
