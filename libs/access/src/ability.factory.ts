import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as path from 'node:path';
import { createMongoAbility, subject as asSubject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { rulesToAST } from '@casl/ability/extra';
import { DomainError, type Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { DataSource } from 'typeorm';
import {
  loadRolePolicy,
  SUBJECT_FIELDS,
  type Action,
  type PolicySubject,
  type RolePolicy,
} from './role-policy';
import { astToSql, type SqlPredicate } from './sql-conditions';

export type AppAbility = MongoAbility<[Action, PolicySubject | ReturnType<typeof asSubject>]>;

export interface CallerAbility {
  ability: AppAbility;
  /** Dataset ids the caller stewards. */
  stewardOf: string[];
  /** Dataset ids whose committee the caller sits on (chairs included) / chairs. */
  memberOf: string[];
  chairOf: string[];
}

/**
 * Builds a CASL ability per caller from the role rules in `policies/roles.yaml` plus what the database says
 * about the caller (the datasets they steward). Deny by default: CASL refuses what no rule allows.
 */
@Injectable()
export class AbilityFactory implements OnModuleInit {
  private policy: RolePolicy;
  private readonly cache = new WeakMap<Caller, Promise<CallerAbility>>();
  /**
   * The ability of a caller with no subject, issuer or role (every anonymous request): it depends on the role
   * rules alone (no steward or committee rows, fixed variables), so it is built once, not per request.
   */
  private anonymous: Promise<CallerAbility> | null = null;

  constructor(
    private readonly config: HelixgateConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.policy = loadRolePolicy(path.join(this.config.policiesDir, 'roles.yaml'));
  }

  /** The caller's ability; memoised per Caller object (one per request), and once for anonymous callers. */
  forCaller(caller: Caller): Promise<CallerAbility> {
    if (!caller.subject && !caller.issuer && caller.roles.length === 0) {
      this.anonymous ??= this.build(caller);
      return this.anonymous;
    }
    let pending = this.cache.get(caller);
    if (!pending) {
      pending = this.build(caller);
      this.cache.set(caller, pending);
    }
    return pending;
  }

  async can(
    caller: Caller,
    action: Action,
    subjectType: PolicySubject,
    fields?: Record<string, unknown>,
  ): Promise<boolean> {
    const { ability } = await this.forCaller(caller);
    return fields
      ? ability.can(action, asSubject(subjectType, { ...fields }))
      : ability.can(action, subjectType);
  }

  /** Throws FORBIDDEN naming the action and resource when the ability does not allow it. */
  async assert(
    caller: Caller,
    action: Action,
    subjectType: PolicySubject,
    fields: Record<string, unknown> | undefined,
    what: string,
  ): Promise<void> {
    if (await this.can(caller, action, subjectType, fields)) return;
    if (!caller.subject) throw new DomainError('UNAUTHENTICATED', `sign in to ${action} ${what}`);
    const roles = caller.roles.length ? caller.roles.join(', ') : 'no role';
    throw new DomainError('FORBIDDEN', `not allowed to ${action} ${what} (your roles: ${roles})`, {
      action,
      subject: subjectType,
    });
  }

  /** SQL predicate selecting the rows of `subjectType` the caller may `action` (for list queries). */
  async sqlFilter(
    caller: Caller,
    action: Action,
    subjectType: PolicySubject,
    alias: string,
  ): Promise<SqlPredicate> {
    const { ability } = await this.forCaller(caller);
    const ast = rulesToAST(ability, action, subjectType) as Parameters<typeof astToSql>[0];
    return astToSql(ast, SUBJECT_FIELDS[subjectType], alias, `casl_${alias}_`);
  }

  private async build(caller: Caller): Promise<CallerAbility> {
    const stewardOf =
      caller.subject && caller.roles.includes('steward') ? await this.stewardedDatasets(caller) : [];
    const committee =
      caller.subject && (caller.roles.includes('dac_member') || caller.roles.includes('dac_chair'))
        ? await this.committees(caller)
        : [];
    const memberOf = committee.map((r) => r.dataset_id);
    const chairOf = committee.filter((r) => r.is_chair).map((r) => r.dataset_id);
    const vars: Record<string, unknown> = {
      '${caller.subject}': caller.subject ?? '\u0000anonymous',
      '${caller.issuer}': caller.issuer ?? '\u0000anonymous',
      '${caller.stewardOf}': stewardOf,
      '${caller.memberOf}': memberOf,
      '${caller.chairOf}': chairOf,
    };
    const roles = ['anonymous' as const, ...caller.roles];
    const rules: RawRuleOf<AppAbility>[] = [];
    for (const role of roles) {
      for (const rule of this.policy[role] ?? []) {
        rules.push({
          action: rule.action,
          subject: rule.subject,
          conditions: rule.conditions
            ? (substitute(rule.conditions, vars) as Record<string, unknown>)
            : undefined,
          inverted: rule.inverted,
          reason: rule.reason,
        });
      }
    }
    return { ability: createMongoAbility<AppAbility>(rules), stewardOf, memberOf, chairOf };
  }

  private committees(caller: Caller): Promise<{ dataset_id: string; is_chair: boolean }[]> {
    return this.dataSource.query(
      'SELECT dataset_id, is_chair FROM dac_member WHERE issuer = $1 AND subject = $2',
      [caller.issuer, caller.subject],
    );
  }

  private async stewardedDatasets(caller: Caller): Promise<string[]> {
    const rows: { dataset_id: string }[] = await this.dataSource.query(
      'SELECT dataset_id FROM dataset_steward WHERE issuer = $1 AND subject = $2',
      [caller.issuer, caller.subject],
    );
    return rows.map((r) => r.dataset_id);
  }
}

function substitute(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === 'string') return value in vars ? vars[value] : value;
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
  }
  return value;
}
