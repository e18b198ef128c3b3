import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@helixgate/audit';
import { DomainError, ROLES, type Caller, type Role } from '@helixgate/common';
import { AppUserEntity, NodeKeyService, UsersService, type AddUser } from '@helixgate/identity';
import { DataSource } from 'typeorm';
import { AbilityFactory } from './ability.factory';

/** A user as an administrator sees them: the record, its identity and what they steward. */
export interface UserAccount {
  user: AppUserEntity;
  issuer: string;
  subject: string;
  passwordSet: boolean;
  stewardOf: string[];
}

/**
 * User administration for the console (administrators: `manage User` in policies/roles.yaml): list users,
 * add one with an invitation, renew an invitation, grant and remove roles. Every change is recorded in the
 * audit trail in the transaction that makes it; no invitation token is ever audited or stored in clear.
 */
@Injectable()
export class UserAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly abilities: AbilityFactory,
    private readonly users: UsersService,
    private readonly nodeKeys: NodeKeyService,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Caller): Promise<UserAccount[]> {
    await this.abilities.assert(caller, 'read', 'User', undefined, 'users');
    return this.accounts(await this.users.list());
  }

  async add(
    caller: Caller,
    input: AddUser,
  ): Promise<{ account: UserAccount; token: string; expiresAt: Date }> {
    await this.abilities.assert(caller, 'create', 'User', undefined, 'users');
    this.audit.annotate({
      resource: `user:${String(input.username).slice(0, 64)}`,
      detail: { username: input.username, roles: input.roles, institution: input.institution ?? null },
    });
    const user = await this.users.add(input);
    const { token, expiresAt } = await this.users.invite(user.username);
    await this.audit.recordFor(caller, {
      action: 'user.add',
      resource: `user:${user.username}`,
      outcome: 'allow',
      // that an invitation was made and until when; never its token
      detail: {
        username: user.username,
        subject: user.id,
        roles: user.roles,
        institution: user.institution,
        invitationExpiresAt: expiresAt.toISOString(),
      },
    });
    const [account] = await this.accounts([(await this.users.findById(user.id))!]);
    return { account, token, expiresAt };
  }

  /** A new one-time invitation link for a local user (replaces the previous one). */
  async invite(
    caller: Caller,
    username: string,
  ): Promise<{ account: UserAccount; token: string; expiresAt: Date }> {
    await this.abilities.assert(caller, 'update', 'User', undefined, 'users');
    const user = await this.users.getByUsername(username);
    if (user.externalIssuer) {
      throw new DomainError(
        'CONFLICT',
        `user "${username}" signs in with their institution's provider (${user.externalIssuer}): no password to set`,
      );
    }
    const { token, expiresAt } = await this.users.invite(username);
    await this.audit.recordFor(caller, {
      action: 'user.invite',
      resource: `user:${username}`,
      outcome: 'allow',
      detail: { username, subject: user.id, invitationExpiresAt: expiresAt.toISOString() },
    });
    const [account] = await this.accounts([(await this.users.findById(user.id))!]);
    return { account, token, expiresAt };
  }

  grantRole(caller: Caller, username: string, role: string): Promise<UserAccount> {
    return this.changeRole(caller, username, role, 'grant');
  }

  revokeRole(caller: Caller, username: string, role: string): Promise<UserAccount> {
    return this.changeRole(caller, username, role, 'revoke');
  }

  private async changeRole(
    caller: Caller,
    username: string,
    role: string,
    change: 'grant' | 'revoke',
  ): Promise<UserAccount> {
    await this.abilities.assert(caller, 'update', 'User', undefined, 'users');
    if (!ROLES.includes(role as Role)) {
      throw new DomainError('BAD_REQUEST', `role "${role}" is not one of ${ROLES.join(', ')}`);
    }
    this.audit.annotate({ resource: `user:${username.slice(0, 64)}`, detail: { username, role } });
    const saved = await this.dataSource.transaction(async (tx) => {
      const user = await tx.getRepository(AppUserEntity).findOneBy({ username });
      if (!user) throw new DomainError('NOT_FOUND', `user "${username}" not found`);
      if (user.externalIssuer) {
        throw new DomainError(
          'CONFLICT',
          `the roles of "${username}" come from their institution's provider (${user.externalIssuer}) at each sign-in: change them there`,
        );
      }
      const has = user.roles.includes(role as Role);
      if (change === 'grant' && has) return user;
      if (change === 'revoke' && !has) return user;
      if (change === 'revoke') {
        if (user.roles.length === 1) {
          throw new DomainError(
            'BAD_REQUEST',
            `"${role}" is the only role of "${username}": a user needs at least one role (disable the user instead)`,
          );
        }
        if (role === 'admin' && user.id === caller.subject && caller.issuer === this.nodeKeys.issuer) {
          throw new DomainError(
            'CONFLICT',
            'you cannot remove your own admin role (another administrator can): the node would risk having none',
          );
        }
      }
      const roles = change === 'grant' ? [...user.roles, role] : user.roles.filter((r) => r !== role);
      const updated = await this.users.setRoles(username, roles, tx);
      await this.audit.recordFor(
        caller,
        {
          action: change === 'grant' ? 'user.role.grant' : 'user.role.revoke',
          resource: `user:${username}`,
          outcome: 'allow',
          detail: { username, subject: user.id, role, previousRoles: user.roles, roles: updated.roles },
        },
        tx,
      );
      return updated;
    });
    return (await this.accounts([saved]))[0];
  }

  private async accounts(users: AppUserEntity[]): Promise<UserAccount[]> {
    const issuer = this.nodeKeys.issuer;
    const rows: { issuer: string; subject: string; dataset_id: string }[] = users.length
      ? await this.dataSource.query(
          'SELECT issuer, subject, dataset_id FROM dataset_steward ORDER BY dataset_id',
        )
      : [];
    const byPerson = new Map<string, string[]>();
    for (const r of rows) {
      const k = `${r.issuer}#${r.subject}`;
      byPerson.set(k, [...(byPerson.get(k) ?? []), r.dataset_id]);
    }
    const withPassword = new Set(
      users.length
        ? (
            await this.dataSource.query<{ id: string }[]>(
              'SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND password_hash IS NOT NULL',
              [users.map((u) => u.id)],
            )
          ).map((r) => r.id)
        : [],
    );
    return users.map((u) => {
      const who = u.externalIssuer
        ? { issuer: u.externalIssuer, subject: u.externalSubject! }
        : { issuer, subject: u.id };
      return {
        user: u,
        ...who,
        passwordSet: withPassword.has(u.id),
        stewardOf: byPerson.get(`${who.issuer}#${who.subject}`) ?? [],
      };
    });
  }
}
