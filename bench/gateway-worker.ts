import '../apps/gateway/src/node-env';
import 'reflect-metadata';
import { loadConfig } from '@helixgate/config';
import { createGateway } from '../apps/gateway/src/bootstrap';

/**
 * Child process of `bench/run.ts`: the real gateway (`createGateway`) on 127.0.0.1, any free port, in its own
 * process so that the load generator does not share its event loop. Prints `BENCH_GATEWAY <url>`; stops on
 * SIGTERM.
 */
async function main(): Promise<void> {
  const app = await createGateway(loadConfig());
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  process.stdout.write(`BENCH_GATEWAY ${url}\n`);
  process.once('SIGTERM', () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((err: unknown) => {
  process.stderr.write(
    `gateway-worker: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
