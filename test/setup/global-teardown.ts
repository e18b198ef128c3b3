import * as fs from 'node:fs';
import type { EmbeddedDatabase } from '../../libs/db/src/embedded-database';

export default async function globalTeardown(): Promise<void> {
  const handle = (globalThis as { __HELIXGATE_EMBEDDED__?: { db: EmbeddedDatabase; dir: string } })
    .__HELIXGATE_EMBEDDED__;
  if (handle) {
    await handle.db.close();
    fs.rmSync(handle.dir, { recursive: true, force: true });
  }
}
