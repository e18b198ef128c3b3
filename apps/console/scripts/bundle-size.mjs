// Build report: the JavaScript a browser loads before the first screen (the entry script and the chunks
// index.html preloads), gzipped, against the 300 KB budget; then every lazily loaded chunk (one per screen).
// Run after `npm run build` (root: `npm run console:size`). A report, not a test.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'dist');
const BUDGET_KB = 300;
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error('apps/console/dist is missing: run `npm run console:build` first');
  process.exit(1);
}
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const initial = new Set(
  [...html.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]),
);
const gz = (file) => gzipSync(fs.readFileSync(path.join(dist, file))).length / 1024;
const all = fs.readdirSync(path.join(dist, 'assets')).map((f) => `assets/${f}`);
const row = (f) => `${gz(f).toFixed(1).padStart(8)} KB  ${f}`;

const initialJs = [...initial].filter((f) => f.endsWith('.js'));
const initialKb = initialJs.reduce((s, f) => s + gz(f), 0);
console.log('Helixgate Console bundle (gzipped)');
console.log('\ninitial load:');
for (const f of initial) console.log(row(f));
console.log(
  `\ninitial JavaScript: ${initialKb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB: ${initialKb <= BUDGET_KB ? 'within' : 'OVER'})`,
);
console.log('\nloaded on demand (per screen):');
for (const f of all.filter((f) => f.endsWith('.js') && !initial.has(f)).sort((a, b) => gz(b) - gz(a))) {
  console.log(row(f));
}
process.exitCode = initialKb <= BUDGET_KB ? 0 : 1;
