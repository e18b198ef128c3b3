import { Injectable } from '@nestjs/common';
import type { PersonModel } from './models/person.model';
import { NodeKeyService } from './node-key.service';
import { UsersService } from './users/users.service';

/** Names and institutions for (issuer, subject) pairs, for screens that show people rather than ids. */
@Injectable()
export class PeopleService {
  constructor(
    private readonly users: UsersService,
    private readonly nodeKeys: NodeKeyService,
  ) {}

  /** `issuer#subject` strings (as the access workflow stores them) → people, in one query. */
  async byRefs(refs: readonly string[]): Promise<Map<string, PersonModel>> {
    const parsed = refs.map((r) => {
      const i = r.lastIndexOf('#');
      return i < 0 ? { issuer: '', subject: r } : { issuer: r.slice(0, i), subject: r.slice(i + 1) };
    });
    const found = await this.users.findPeople(parsed, this.nodeKeys.issuer);
    // keyed by the refs as given: a ref without an issuer (`system`, the actor of an expiry or a reminder)
    // is found under `#system` by findPeople, and was missing here
    return new Map(refs.map((r, i) => [r, found.get(`${parsed[i].issuer}#${parsed[i].subject}`)!]));
  }

  async one(ref: string): Promise<PersonModel> {
    return (await this.byRefs([ref])).get(ref)!;
  }
}
