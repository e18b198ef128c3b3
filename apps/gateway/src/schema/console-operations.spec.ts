import { getLocation, Kind, parse, printSchema, Source, validate, type GraphQLSchema } from 'graphql';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildGatewaySchema } from './gateway-schema';

const CONSOLE = path.resolve(__dirname, '../../../console');

function graphqlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'gql' ? [] : graphqlFiles(p);
    return e.name.endsWith('.graphql') ? [p] : [];
  });
}

/**
 * The drift check between the gateway's schema and the console. It fails when a schema change (a renamed
 * enum value, a removed field, a new required argument) breaks an operation of the console, naming the
 * file, line and problem; and when apps/console/schema.graphql (from which the console's types are
 * generated) is stale. Fix: adapt the operation, then `npm run console:schema && npm run console:codegen`.
 */
describe('console operations against the gateway schema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGatewaySchema();
  });

  it('apps/console/schema.graphql is the schema the gateway builds (run `npm run console:schema`)', () => {
    const committed = fs.readFileSync(path.join(CONSOLE, 'schema.graphql'), 'utf8');
    expect(committed).toBe(`${printSchema(schema)}\n`);
  });

  it('every console operation is valid against the schema', () => {
    const files = graphqlFiles(path.join(CONSOLE, 'src'));
    expect(files.length).toBeGreaterThan(0);
    // One document of every operation and fragment, as the code generator sees them (fragments are shared).
    const definitions = files.flatMap(
      (file) => parse(new Source(fs.readFileSync(file, 'utf8'), path.relative(CONSOLE, file))).definitions,
    );
    const problems = validate(schema, { kind: Kind.DOCUMENT, definitions }).map((error) => {
      const node = error.nodes?.[0];
      const at = node?.loc ? getLocation(node.loc.source, node.loc.start) : undefined;
      return `apps/console/${node?.loc?.source.name ?? '?'}:${at?.line ?? '?'}: ${error.message}`;
    });
    expect(problems).toEqual([]);
  });
});
