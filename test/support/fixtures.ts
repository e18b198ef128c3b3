import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The repository's test/fixtures/vcf, from the sources (jest runs test/support) or from the build
 * (`npm run privacy:attack` and `npm run privacy:sim` run dist/test/..., and the build copies no fixtures).
 */
export const FIXTURE_VCF_DIR =
  [path.resolve(__dirname, '../fixtures/vcf'), path.resolve(__dirname, '../../../test/fixtures/vcf')].find(
    (d) => fs.existsSync(d),
  ) ?? path.resolve(__dirname, '../fixtures/vcf');
