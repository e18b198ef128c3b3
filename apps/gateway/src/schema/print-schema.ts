import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { printGatewaySchema } from './gateway-schema';

/**
 * `npm run console:schema`: writes the gateway's GraphQL schema (SDL) to apps/console/schema.graphql, from
 * which the console's typed documents are generated. No database or configuration is needed.
 */
async function main(): Promise<void> {
  const target = process.argv[2] ?? path.resolve(__dirname, '../../../../../apps/console/schema.graphql');
  fs.writeFileSync(target, await printGatewaySchema());
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
