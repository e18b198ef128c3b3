import 'reflect-metadata';
import { ConfigError, loadConfig } from '@helixgate/config';
import { createGateway } from './bootstrap';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`helixgate: ${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const app = await createGateway(config);
  await app.listen(config.vars.PORT, config.vars.HOST);
  const url = await app.getUrl();
  process.stdout.write(`Helixgate gateway listening on ${url.replace('[::1]', 'localhost')}/graphql\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`helixgate: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
