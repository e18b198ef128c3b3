import * as fs from 'node:fs';
import * as path from 'node:path';
import { BEACON_SCHEMA_BASE, beaconAjv, beaconValidator } from './support/beacon-schemas';

describe('Beacon v2 schema infrastructure', () => {
  const ajv = beaconAjv();
  const validator = beaconValidator(ajv);
  const examples = path.join(__dirname, '..', 'fixtures', 'beacon-v2', 'framework', 'json', 'responses');

  it('compiles every response schema with its references resolved offline', () => {
    for (const name of [
      'beaconInfoResponse',
      'beaconConfigurationResponse',
      'beaconMapResponse',
      'beaconEntryTypesResponse',
      'beaconFilteringTermsResponse',
      'beaconCollectionsResponse',
      'beaconBooleanResponse',
      'beaconCountResponse',
      'beaconResultsetsResponse',
      'beaconErrorResponse',
    ]) {
      expect(ajv.getSchema(`${BEACON_SCHEMA_BASE}framework/json/responses/${name}.json`)).toBeDefined();
    }
    expect(
      ajv.getSchema(
        `${BEACON_SCHEMA_BASE}models/json/beacon-v2-default-model/genomicVariations/defaultSchema.json`,
      ),
    ).toBeDefined();
  });

  const read = (f: string) =>
    JSON.parse(fs.readFileSync(path.join(examples, 'examples-fullDocuments', f), 'utf8')) as Record<
      string,
      unknown
    >;

  it('accepts the upstream informational examples', () => {
    expect(validator.validate('beaconInfoResponse', read('beaconInfo-MAX-example.json'))).toEqual([]);
    expect(validator.validate('beaconMapResponse', read('beaconMapResponse-example.json'))).toEqual([]);
    expect(
      validator.validate('beaconConfigurationResponse', read('beaconConfigurationResponse-example.json')),
    ).toEqual([]);
  });

  it('validates genomic variant records through the VRS stand-in (legacy and VRS variations)', () => {
    const model = 'models/json/beacon-v2-default-model/genomicVariations';
    const example = (f: string) =>
      JSON.parse(
        fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'beacon-v2', model, 'examples', f), 'utf8'),
      ) as { variation: Record<string, unknown> };
    const schema = `${model}/defaultSchema.json` as const;
    expect(validator.validate(schema, example('genomicVariant-MIN-example.json'))).toEqual([]);
    expect(validator.validate(schema, example('genomicVariant-MIN-VRS-example.json'))).toEqual([]);
    const legacy = example('genomicVariant-MIN-example.json');
    delete legacy.variation.alternateBases;
    expect(validator.validate(schema, legacy)).not.toEqual([]);
  });

  // The upstream result examples predate the 2.x meta (no returnedGranularity): a validator that is
  // really applying the schemas must refuse them.
  it('rejects the stale upstream count example for its missing returnedGranularity', () => {
    const errors = validator.validate('beaconCountResponse', read('beaconCountResponse-example.json'));
    expect(errors.map((e) => `${e.instancePath} ${e.message}`)).toContain(
      "/meta must have required property 'returnedGranularity'",
    );
  });
});
