import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditActorCountModel, AuditEventModel } from '@helixgate/audit';
import { PersonModel } from './models/person.model';
import { NodeKeyService } from './node-key.service';
import { UsersService } from './users/users.service';

type PeopleCache = Map<string, Promise<PersonModel | null>>;
const CACHE = Symbol('audit-actor-people');

/**
 * Audit events name their actor by token subject; the console shows people by name and institution. This
 * field lives in identity (which knows the users) so the audit lib stays independent of it. Lookups are
 * shared within one request: a page of events costs one query per distinct actor.
 */
@Resolver(() => AuditEventModel)
export class AuditActorResolver {
  constructor(
    private readonly users: UsersService,
    private readonly nodeKeys: NodeKeyService,
  ) {}

  @ResolveField(() => PersonModel, {
    nullable: true,
    description: 'The actor by name and institution, when they are a user of this node (null otherwise)',
  })
  actorPerson(@Parent() e: AuditEventModel, @Context('req') req: object): Promise<PersonModel | null> {
    return personOfActor(this.users, this.nodeKeys, e.actor, req);
  }
}

/**
 * The activity plots' top actors by name and institution: the aggregate counts by subject, and this field
 * names them (one query per distinct actor, shared within the request).
 */
@Resolver(() => AuditActorCountModel)
export class AuditActorCountResolver {
  constructor(
    private readonly users: UsersService,
    private readonly nodeKeys: NodeKeyService,
  ) {}

  @ResolveField(() => PersonModel, {
    nullable: true,
    description: 'The actor by name and institution, when they are a user of this node (null otherwise)',
  })
  actorPerson(@Parent() a: AuditActorCountModel, @Context('req') req: object): Promise<PersonModel | null> {
    return personOfActor(this.users, this.nodeKeys, a.actor, req);
  }
}

function personOfActor(
  users: UsersService,
  nodeKeys: NodeKeyService,
  actor: string,
  req: object,
): Promise<PersonModel | null> {
  const holder = req as { [CACHE]?: PeopleCache };
  const cache: PeopleCache = (holder[CACHE] ??= new Map<string, Promise<PersonModel | null>>());
  let found: Promise<PersonModel | null> | undefined = cache.get(actor);
  if (!found) {
    found = users.findBySubjects([actor]).then((m) => {
      const u = m.get(actor);
      return u
        ? {
            name: u.displayName ?? u.username,
            institution: u.institution,
            username: u.username,
            issuer: u.externalIssuer ?? nodeKeys.issuer,
            subject: actor,
          }
        : null;
    });
    cache.set(actor, found);
  }
  return found;
}
