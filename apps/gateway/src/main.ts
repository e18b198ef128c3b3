import './node-env';
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@helixgate/config';
import { KeyRingStartupError } from '@helixgate/crypto';
import cluster from 'node:cluster';
import { createGateway } from './bootstrap';
import { loadsDemo, superviseWorkers, workersRefusal } from './cluster';
import { loadDemoData } from './demo/demo-data';

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
  const refusal = workersRefusal(config);
  if (refusal) {
    process.stderr.write(`helixgate: ${refusal}\n`);
    process.exit(78); // EX_CONFIG
  }
  if (config.vars.HELIXGATE_WORKERS > 1 && cluster.isPrimary) {
    superviseWorkers(config, (line) => process.stdout.write(`${line}\n`));
    return;
  }
  const demo = process.argv.includes('--demo') && loadsDemo();
  const app = await createGateway(config);
  await app.init(); // startup checks (policies, key ring) before anything is loaded or served
  if (demo) await loadDemoData(app, (line) => process.stdout.write(`${line}\n`));
  await app.listen(config.vars.PORT, config.vars.HOST);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  process.stdout.write(`Helixgate gateway listening on ${url}/graphql (Beacon v2 REST on ${url}/api)\n`);
  process.stdout.write(`Helixgate Console: ${url}/console/\n`);
  if (demo) {
    const query =
      '{ beacon(query: { assemblyId: \\"GRCh37\\", referenceName: \\"20\\", start: 1000850, referenceBases: \\"G\\", alternateBases: \\"A\\", requestedGranularity: COUNT }) { exists resultSets { datasetId exists count alleleCount alleleNumber hetCarriers homAltCarriers } } }';
    process.stdout.write(
      `\nTry a beacon query (anonymous callers see the PUBLIC demo dataset):\n\n` +
        `  curl -s ${url}/graphql -H 'content-type: application/json' \\\n` +
        `    -d '{"query":"${query}"}'\n\n`,
    );
  }
}

main().catch((err: unknown) => {
  if (err instanceof KeyRingStartupError) {
    process.stderr.write(`helixgate: ${err.code}: ${err.message}\n`);
    process.exit(err.exitCode); // 66: restore the key ring; 77: make its file private
  }
  // One line a person reads, then one JSON record a log shipper keeps (with the stack): no coloured dump.
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`helixgate: failed to start: ${e.message.split('\n')[0]}\n`);
  process.stderr.write(
    `${JSON.stringify({
      level: 'fatal',
      time: Date.now(),
      msg: 'failed to start',
      err: { type: e.name, message: e.message, stack: e.stack },
    })}\n`,
  );
  process.exit(1);
});
