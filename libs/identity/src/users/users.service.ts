import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ROLES, type Role } from '@helixgate/common';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { AppUserEntity } from './app-user.entity';

export interface AddUser {
  username: string;
  roles: string[];
  institution?: string | null;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

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
        disabledAt: null,
      }),
    );
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

  /** Disables the user: tokens already issued to them stop working at once. */
  async disable(username: string): Promise<AppUserEntity> {
    const user = await this.getByUsername(username);
    if (user.disabledAt) return user;
    await this.users.update({ id: user.id }, { disabledAt: () => 'now()' });
    return this.getByUsername(username);
  }
}
