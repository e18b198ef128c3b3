import { MODULE_METADATA } from '@nestjs/common/constants';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { GATEWAY_FEATURE_MODULES } from '../gateway.module';

/** @nestjs/graphql's RESOLVER_TYPE_METADATA (set by @Resolver(); its constants are not exported). */
const RESOLVER_TYPE_METADATA = 'graphql:resolver_type';

type ModuleLike = { module?: unknown } | (abstract new (...args: never[]) => unknown);

/** Every class with a `@Resolver()` among the providers of the gateway's modules and their imports. */
type ResolverClasses = Parameters<GraphQLSchemaFactory['create']>[0];

export function gatewayResolvers(): ResolverClasses {
  const seen = new Set<unknown>();
  const resolvers = new Set<ResolverClasses[number]>();
  const visit = (m: unknown): void => {
    if (!m || seen.has(m)) return;
    seen.add(m);
    const cls = (typeof m === 'function' ? m : (m as { module?: unknown }).module) as ModuleLike | undefined;
    if (typeof cls !== 'function') return;
    const providers = [
      ...((Reflect.getMetadata(MODULE_METADATA.PROVIDERS, cls) as unknown[] | undefined) ?? []),
      ...(typeof m === 'object' ? (((m as { providers?: unknown[] }).providers as unknown[]) ?? []) : []),
    ];
    for (const p of providers) {
      if (typeof p === 'function' && Reflect.hasMetadata(RESOLVER_TYPE_METADATA, p)) resolvers.add(p);
    }
    const imports = [
      ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, cls) as unknown[] | undefined) ?? []),
      ...(typeof m === 'object' ? (((m as { imports?: unknown[] }).imports as unknown[]) ?? []) : []),
    ];
    imports.forEach(visit);
  };
  GATEWAY_FEATURE_MODULES.forEach(visit);
  return [...resolvers];
}

/**
 * The gateway's GraphQL schema, built from the resolver classes alone: no database, no configuration.
 * The console's typed documents are generated from it (`npm run console:schema`), and a unit test fails
 * when it and the console's operations drift. An integration test checks it equals what the gateway serves.
 */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  try {
    await app.init();
    const factory = app.get(GraphQLSchemaFactory);
    return lexicographicSortSchema(await factory.create(gatewayResolvers()));
  } finally {
    await app.close();
  }
}

export async function printGatewaySchema(): Promise<string> {
  return `${printSchema(await buildGatewaySchema())}\n`;
}
