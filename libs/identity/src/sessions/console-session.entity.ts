import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A console sign-in: the refresh token (stored hashed) that renews the short-lived session cookie. */
@Entity('console_session')
export class ConsoleSessionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text', { name: 'refresh_hash', select: false })
  refreshHash: string;

  @Column('text')
  method: 'password' | 'oidc';

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'refreshed_at', default: () => 'now()' })
  refreshedAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt: Date | null;
}
