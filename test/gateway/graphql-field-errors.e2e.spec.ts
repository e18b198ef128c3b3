import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type INestApplication } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Field, GraphQLModule, ID, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import { DomainError } from '@helixgate/common';
import request from 'supertest';
import { GlobalExceptionFilter } from '../../apps/gateway/src/errors/global-exception.filter';
import { graphqlOptions } from '../../apps/gateway/src/graphql/graphql-options';

@ObjectType()
class Thing {
  @Field(() => ID) id!: string;
}

@Resolver(() => Thing)
class ThingResolver {
  @Query(() => Thing)
  thing(): Thing {
    return { id: 't1' };
  }

  @ResolveField(() => String, { nullable: true })
  secret(): string {
    throw new DomainError('FORBIDDEN', 'not allowed to read this thing');
  }
}

async function appWith(options: ApolloDriverConfig): Promise<INestApplication> {
  @Module({
    imports: [GraphQLModule.forRoot<ApolloDriverConfig>(options)],
    providers: [ThingResolver, { provide: APP_FILTER, useClass: GlobalExceptionFilter }],
  })
  class FieldErrorsModule {}
  const moduleRef = await Test.createTestingModule({ imports: [FieldErrorsModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

async function ask(app: INestApplication) {
  const res = await request(app.getHttpServer())
    .post('/graphql')
    .send({ query: '{ thing { id secret } }' })
    .expect(200);
  return res.body as {
    data: { thing: { id: string; secret: string | null } };
    errors: { message: string; extensions: { code: string } }[];
  };
}

/**
 * A DomainError thrown by a field resolver (`@ResolveField`) reaches the caller with its own code and
 * message from the error table, as one thrown by a query does (issue 11: one error table for every face).
 */
describe('GraphQL errors thrown while resolving a field', () => {
  it("keep their code and message with the gateway's options", async () => {
    const app = await appWith(graphqlOptions());
    try {
      const body = await ask(app);
      expect(body.data.thing).toEqual({ id: 't1', secret: null });
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].message).toBe('not allowed to read this thing');
      expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    } finally {
      await app.close();
    }
  });

  it('became INTERNAL_SERVER_ERROR without field-resolver filters (the regression this guards)', async () => {
    const app = await appWith({ ...graphqlOptions(), fieldResolverEnhancers: [] });
    try {
      const body = await ask(app);
      expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await app.close();
    }
  });
});
