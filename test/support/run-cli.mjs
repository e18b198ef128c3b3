#!/usr/bin/env node
/**
 * Runs the CLI from its TypeScript sources in a plain Node process (no build): `.ts` files are compiled on
 * require with @swc/core (as jest does) and `@helixgate/<lib>` resolves to libs/<lib>/src. Used by specs that
 * need a process of its own — the embedded database (PGlite cannot load inside jest's sandbox) — and by
 * hand: `node test/support/run-cli.mjs backup /tmp/backups`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const swc = require('@swc/core');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
require.extensions['.ts'] = (m, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  m._compile(code, filename);
};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@helixgate\/([a-z-]+)$/.exec(request);
  return resolve.call(this, alias ? path.join(root, 'libs', alias[1], 'src') : request, ...rest);
};
require(path.join(root, 'apps/cli/src/main.ts'));
