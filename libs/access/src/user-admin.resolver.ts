import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, type Caller } from '@helixgate/common';
import { RoleEnum } from '@helixgate/identity';
import { AddUserInput, UserAccountModel, UserInvitationModel } from './models/user-account.model';
import { UserAdminService, type UserAccount } from './user-admin.service';

export function toUserAccountModel(a: UserAccount): UserAccountModel {
  const u = a.user;
  return {
    id: u.id,
    username: u.username,
    name: u.displayName ?? u.username,
    institution: u.institution,
    roles: u.roles as RoleEnum[],
    issuer: a.issuer,
    subject: a.subject,
    external: u.externalIssuer !== null,
    passwordSet: a.passwordSet,
    invitationExpiresAt:
      u.invitationExpiresAt && u.invitationExpiresAt.getTime() > Date.now() ? u.invitationExpiresAt : null,
    disabledAt: u.disabledAt,
    createdAt: u.createdAt,
    stewardOf: a.stewardOf,
  };
}

/** Users and roles, for the node's administrators (FORBIDDEN for everyone else). */
@Resolver(() => UserAccountModel)
export class UserAdminResolver {
  constructor(private readonly admin: UserAdminService) {}

  @Query(() => [UserAccountModel], { description: "Admin: the node's users, their roles and stewardships" })
  async users(@CurrentCaller() caller: Caller): Promise<UserAccountModel[]> {
    return (await this.admin.list(caller)).map(toUserAccountModel);
  }

  @Mutation(() => UserInvitationModel, {
    description:
      'Admin: add a local user and make their one-time invitation (they set their password with it)',
  })
  async addUser(
    @CurrentCaller() caller: Caller,
    @Args('input') input: AddUserInput,
  ): Promise<UserInvitationModel> {
    const r = await this.admin.add(caller, input);
    return { user: toUserAccountModel(r.account), token: r.token, expiresAt: r.expiresAt };
  }

  @Mutation(() => UserInvitationModel, {
    description: 'Admin: a new invitation for a local user (the previous link stops working)',
  })
  async inviteUser(
    @CurrentCaller() caller: Caller,
    @Args('username') username: string,
  ): Promise<UserInvitationModel> {
    const r = await this.admin.invite(caller, username);
    return { user: toUserAccountModel(r.account), token: r.token, expiresAt: r.expiresAt };
  }

  @Mutation(() => UserAccountModel, {
    description: "Admin: grant a role to a local user (audited; effective on the user's next request)",
  })
  async grantRole(
    @CurrentCaller() caller: Caller,
    @Args('username') username: string,
    @Args('role', { type: () => RoleEnum }) role: RoleEnum,
  ): Promise<UserAccountModel> {
    return toUserAccountModel(await this.admin.grantRole(caller, username, role));
  }

  @Mutation(() => UserAccountModel, {
    description:
      'Admin: remove a role from a local user (audited; not their last role, not your own admin role)',
  })
  async revokeRole(
    @CurrentCaller() caller: Caller,
    @Args('username') username: string,
    @Args('role', { type: () => RoleEnum }) role: RoleEnum,
  ): Promise<UserAccountModel> {
    return toUserAccountModel(await this.admin.revokeRole(caller, username, role));
  }
}
