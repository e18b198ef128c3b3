import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import draft7MetaSchema from 'ajv/dist/refs/json-schema-draft-07.json';

/** Where the official schemas live upstream; every absolute `$ref` in them starts with this. */
export const BEACON_SCHEMA_BASE = 'https://raw.githubusercontent.com/ga4gh-beacon/beacon-v2/main/';
const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'beacon-v2');

/**
 * GA4GH VRS 1.3 (`https://w3id.org/ga4gh/schema/vrs/1.3/vrs.json`) is referenced by the genomic variant
 * model but is not in the fixtures (see PROVENANCE.md). This stand-in, registered under the VRS `$id`,
 * lets the Beacon schemas compile offline. Each definition the model names checks only the VRS `type`
 * discriminator (VRS 1.3's values), nothing else: enough for the model's
 * `variation: oneOf [MolecularVariation, SystemicVariation, LegacyVariation]` to pick exactly one branch
 * (a permissive `{}` would match all three and fail every record), but VRS objects themselves are not
 * validated in depth.
 */
const vrsType = (types: string[]) => ({
  type: 'object',
  required: ['type'],
  properties: { type: { enum: types } },
});
export const VRS_STAND_IN = {
  $id: 'https://w3id.org/ga4gh/schema/vrs/1.3/vrs.json',
  $schema: 'http://json-schema.org/draft-07/schema#',
  definitions: {
    Location: vrsType(['ChromosomeLocation', 'SequenceLocation']),
    MolecularVariation: vrsType(['Allele', 'Haplotype']),
    SystemicVariation: vrsType(['CopyNumber']),
  },
};

/**
 * The individuals model (`individuals/defaultSchema.json`) at v2.1.1 names its `info` property
 * `../common/info.json`, a file that does not exist in `models/json/beacon-v2-default-model/common/` at that
 * tag (the framework's `framework/json/common/info.json` is meant). Registered under the missing URL as a
 * copy of the framework's definition (any object), so the model compiles offline; see PROVENANCE.md.
 */
export const MODEL_INFO_STAND_IN = {
  $id: `${BEACON_SCHEMA_BASE}models/json/beacon-v2-default-model/common/info.json`,
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  description: 'Stand-in for the missing upstream file: the framework common/info.json (any object).',
  type: 'object',
};

function schemaFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name.startsWith('examples') ? [] : schemaFiles(full);
    // endpoints.json files are OpenAPI documents, not JSON schemas.
    return e.name.endsWith('.json') && e.name !== 'endpoints.json' ? [full] : [];
  });
}

/**
 * One Ajv (draft 2020-12, formats) holding every Beacon v2 schema of the fixtures under its upstream URL,
 * so relative and absolute `$ref`s resolve exactly as they do upstream, without network access.
 */
export function beaconAjv(): Ajv2020 {
  // strict: false because the upstream schemas use annotation keywords Ajv does not know (`example`).
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // int32/int64 are OpenAPI formats used by the Beacon schemas; their range is what `type: integer` checks.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addMetaSchema(draft7MetaSchema);
  ajv.addSchema(VRS_STAND_IN);
  ajv.addSchema(MODEL_INFO_STAND_IN);
  for (const file of schemaFiles(FIXTURES)) {
    const rel = path.relative(FIXTURES, file).split(path.sep).join('/');
    const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    ajv.addSchema({ ...schema, $id: BEACON_SCHEMA_BASE + rel });
  }
  return ajv;
}

export type BeaconSchemaName =
  | 'beaconInfoResponse'
  | 'beaconConfigurationResponse'
  | 'beaconMapResponse'
  | 'beaconEntryTypesResponse'
  | 'beaconFilteringTermsResponse'
  | 'beaconCollectionsResponse'
  | 'beaconBooleanResponse'
  | 'beaconCountResponse'
  | 'beaconResultsetsResponse'
  | 'beaconErrorResponse'
  | 'ga4gh-service-info-1-0-0-schema';

export interface BeaconValidator {
  /** A response schema name, or a path under the repository root (`models/json/...`). */
  validate(name: BeaconSchemaName | `${'framework' | 'models'}/${string}`, body: unknown): ErrorObject[];
}

export function beaconValidator(ajv: Ajv2020 = beaconAjv()): BeaconValidator {
  const cache = new Map<string, ValidateFunction>();
  return {
    validate(name, body) {
      const id = name.includes('/')
        ? BEACON_SCHEMA_BASE + name
        : `${BEACON_SCHEMA_BASE}framework/json/responses/${name}.json`;
      let fn = cache.get(id);
      if (!fn) {
        fn = ajv.getSchema(id);
        if (!fn) throw new Error(`no schema ${id}`);
        cache.set(id, fn);
      }
      return fn(body) ? [] : [...(fn.errors ?? [])];
    },
  };
}
