import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ROLES, type Role } from '@helixgate/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { In, IsNull, MoreThan, Repository, type EntityManager } from 'typeorm';
import { hashPassword, passwordProblem } from '../sessions/password-hash';
import { AppUserEntity } from './app-user.entity';

export interface AddUser {
  username: string;
  roles: string[];
  institution?: string | null;
  /** The person's name as shown in the console. */
  displayName?: string | null;
}

/** How long an invitation link stays usable. */
export const INVITATION_DAYS = 7;

/** A person as the console shows them: name and institution, for an (issuer, subject) pair. */
export interface PersonRef {
  issuer: string;
  subject: string;
}
export interface Person extends PersonRef {
  name: string;
  username: string | null;
  institution: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

const USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Local users of a node that has no external identity provider. */
@Injectable()
export class UsersService {
  constructor(@InjectRepository(AppUserEntity) private readonly users: Repository<AppUserEntity>) {}

  async add(input: AddUser): Promise<AppUserEntity> {
    if (!USERNAME.test(input.username)) {
      throw new DomainError('BAD_REQUEST', `username "${input.username}" must match ${USERNAME.source}`);
    }
    if (input.roles.length === 0) throw new DomainError('BAD_REQUEST', `a user needs at least one role`);
    for (const role of input.roles) {
      if (!ROLES.includes(role as Role)) {
        throw new DomainError('BAD_REQUEST', `role "${role}" is not one of ${ROLES.join(', ')}`);
      }
    }
    if (await this.users.existsBy({ username: input.username })) {
      throw new DomainError('CONFLICT', `user "${input.username}" already exists`);
    }
    return this.users.save(
      this.users.create({
        id: randomUUID(),
        username: input.username,
        roles: [...new Set(input.roles as Role[])],
        institution: input.institution?.trim() || null,
        displayName: input.displayName?.trim() || null,
        disabledAt: null,
      }),
    );
  }

  /** Sets (or replaces) a user's password. */
  async setPassword(username: string, password: string): Promise<AppUserEntity> {
    const problem = passwordProblem(password);
    if (problem) throw new DomainError('BAD_REQUEST', problem);
    const user = await this.getByUsername(username);
    await this.users.update(
      { id: user.id },
      {
        passwordHash: await hashPassword(password),
        passwordSetAt: () => 'now()',
        invitationHash: null,
        invitationExpiresAt: null,
      },
    );
    return this.getByUsername(username);
  }

  /**
   * A one-time invitation: the returned token (put in the link the operator hands over) lets the user set
   * their password once, within INVITATION_DAYS. A new invitation replaces the previous one.
   */
  async invite(username: string): Promise<{ token: string; expiresAt: Date }> {
    const user = await this.getByUsername(username);
    if (user.disabledAt) throw new DomainError('FORBIDDEN', `user "${username}" is disabled`);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86400_000);
    await this.users.update(
      { id: user.id },
      { invitationHash: sha256(token), invitationExpiresAt: expiresAt },
    );
    return { token, expiresAt };
  }

  /** Redeems an invitation: sets the password and spends the token. */
  async acceptInvitation(token: unknown, password: unknown): Promise<AppUserEntity> {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token)) {
      throw new DomainError('BAD_REQUEST', 'the invitation link is malformed');
    }
    const problem = passwordProblem(password);
    if (problem) throw new DomainError('BAD_REQUEST', problem);
    const user = await this.users.findOneBy({
      invitationHash: sha256(token),
      invitationExpiresAt: MoreThan(new Date()),
      disabledAt: IsNull(),
    });
    if (!user) {
      throw new DomainError('NOT_FOUND', 'the invitation is unknown, used or expired: ask for a new one');
    }
    // Spend the token in the same statement that sets the password (a second use finds nothing).
    const r = await this.users.update(
      { id: user.id, invitationHash: sha256(token) },
      {
        passwordHash: await hashPassword(password as string),
        passwordSetAt: () => 'now()',
        invitationHash: null,
        invitationExpiresAt: null,
      },
    );
    if (!r.affected) throw new DomainError('NOT_FOUND', 'the invitation is unknown, used or expired');
    return (await this.findById(user.id))!;
  }

  /**
   * The local record of someone who signed in with an institutional OpenID Connect provider: created on
   * first sign-in, and their name, institution and roles refreshed from the provider's claims each time.
   */
  async upsertExternal(input: {
    issuer: string;
    subject: string;
    usernameHint: string;
    displayName: string | null;
    institution: string | null;
    roles: Role[];
  }): Promise<AppUserEntity> {
    const existing = await this.users.findOneBy({
      externalIssuer: input.issuer,
      externalSubject: input.subject,
    });
    if (existing) {
      await this.users.update(
        { id: existing.id },
        { displayName: input.displayName, institution: input.institution, roles: input.roles },
      );
      return (await this.findById(existing.id))!;
    }
    const base =
      input.usernameHint
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '.')
        .replace(/^[^a-z0-9]+/, '')
        .slice(0, 56) || 'user';
    let username = base;
    for (let i = 2; await this.users.existsBy({ username }); i++) username = `${base}-${i}`;
    return this.users.save(
      this.users.create({
        id: randomUUID(),
        username,
        roles: input.roles,
        institution: input.institution,
        displayName: input.displayName,
        externalIssuer: input.issuer,
        externalSubject: input.subject,
        disabledAt: null,
      }),
    );
  }

  /**
   * Name and institution for audit actors, known by subject alone (the audit trail records the token's
   * `sub`): a local user's id, or the subject of someone who signed in through an external provider.
   */
  async findBySubjects(subjects: readonly string[]): Promise<Map<string, AppUserEntity>> {
    const unique = [...new Set(subjects)];
    const local = unique.filter((s) => UUID.test(s));
    const rows = [
      ...(local.length ? await this.users.findBy({ id: In(local), externalIssuer: IsNull() }) : []),
      ...(unique.length ? await this.users.findBy({ externalSubject: In(unique) }) : []),
    ];
    const out = new Map<string, AppUserEntity>();
    for (const u of rows) out.set(u.externalSubject ?? u.id, u);
    return out;
  }

  /**
   * Name and institution for each (issuer, subject): a local user (this node's issuer, subject = user id)
   * or one linked to an external identity. People the node has never seen are returned with their subject
   * as name. One query for the whole set.
   */
  async findPeople(refs: readonly PersonRef[], nodeIssuer: string): Promise<Map<string, Person>> {
    const key = (r: PersonRef) => `${r.issuer}#${r.subject}`;
    const localIds = [
      ...new Set(refs.filter((r) => r.issuer === nodeIssuer && UUID.test(r.subject)).map((r) => r.subject)),
    ];
    const externalSubjects = [...new Set(refs.filter((r) => r.issuer !== nodeIssuer).map((r) => r.subject))];
    const rows = [
      ...(localIds.length ? await this.users.findBy({ id: In(localIds), externalIssuer: IsNull() }) : []),
      ...(externalSubjects.length ? await this.users.findBy({ externalSubject: In(externalSubjects) }) : []),
    ];
    const found = new Map<string, AppUserEntity>();
    for (const u of rows) {
      found.set(u.externalIssuer ? `${u.externalIssuer}#${u.externalSubject}` : `${nodeIssuer}#${u.id}`, u);
    }
    const out = new Map<string, Person>();
    for (const r of refs) {
      const u = found.get(key(r));
      out.set(key(r), {
        issuer: r.issuer,
        subject: r.subject,
        name: u ? (u.displayName ?? u.username) : r.subject,
        username: u?.username ?? null,
        institution: u?.institution ?? null,
      });
    }
    return out;
  }

  list(): Promise<AppUserEntity[]> {
    return this.users.find({ order: { username: 'ASC' } });
  }

  async getByUsername(username: string): Promise<AppUserEntity> {
    const user = await this.users.findOneBy({ username });
    if (!user) throw new DomainError('NOT_FOUND', `user "${username}" not found`);
    return user;
  }

  findById(id: string): Promise<AppUserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /**
   * Replaces a user's roles (validated; at least one). `manager`: inside the caller's transaction, so the
   * change and its audit event commit together. The user's next request acts with the new roles: tokens this
   * node signs are checked against the user's current record.
   */
  async setRoles(
    username: string,
    roles: readonly string[],
    manager?: EntityManager,
  ): Promise<AppUserEntity> {
    if (roles.length === 0) throw new DomainError('BAD_REQUEST', `a user needs at least one role`);
    for (const role of roles) {
      if (!ROLES.includes(role as Role)) {
        throw new DomainError('BAD_REQUEST', `role "${role}" is not one of ${ROLES.join(', ')}`);
      }
    }
    const repo = manager ? manager.getRepository(AppUserEntity) : this.users;
    const user = await repo.findOneBy({ username });
    if (!user) throw new DomainError('NOT_FOUND', `user "${username}" not found`);
    const ordered = ROLES.filter((r) => roles.includes(r));
    await repo.update({ id: user.id }, { roles: ordered });
    return (await repo.findOneBy({ id: user.id }))!;
  }

  /** Disables the user: tokens already issued to them stop working at once. */
  async disable(username: string): Promise<AppUserEntity> {
    const user = await this.getByUsername(username);
    if (user.disabledAt) return user;
    await this.users.update({ id: user.id }, { disabledAt: () => 'now()' });
    return this.getByUsername(username);
  }
}
