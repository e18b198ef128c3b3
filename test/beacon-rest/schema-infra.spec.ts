import * as fs from 'node:fs';
import * as path from 'node:path';
import { beaconIndividual } from '@helixgate/beacon';
import { BEACON_SCHEMA_BASE, beaconAjv, beaconValidator } from './support/beacon-schemas';

const INDIVIDUAL = 'models/json/beacon-v2-default-model/individuals/defaultSchema.json' as const;

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

  it('validates individual records against the v2.1.1 individuals model (upstream examples and ours)', () => {
    expect(ajv.getSchema(BEACON_SCHEMA_BASE + INDIVIDUAL)).toBeDefined();
    const model = path.join(__dirname, '..', 'fixtures', 'beacon-v2', path.dirname(INDIVIDUAL), 'examples');
    const example = (f: string) => JSON.parse(fs.readFileSync(path.join(model, f), 'utf8')) as unknown;
    expect(validator.validate(INDIVIDUAL, example('individual-MIN-example.json'))).toEqual([]);
    // The MID example fails its own model where it writes time elements Phenopackets-style (`{ageGroup: ...}`,
    // `{age: {...}}` are none of timeElement's oneOf branches) and a measurement value `{units, value}` that
    // is neither value.json nor complexValue.json: upstream example defects, refused as a strict validator must.
    const mid = validator.validate(INDIVIDUAL, example('individual-MID-example.json'));
    expect(mid.length).toBeGreaterThan(0);
    expect([...new Set(mid.map((e) => e.instancePath.split('/').slice(0, 4).join('/')))]).toEqual([
      '/diseases/0/ageOfOnset',
      '/measures/0/measurementValue',
      '/measures/0/observationMoment',
    ]);
    // Every field this beacon writes: sex, ethnicity, diseases, phenotypic features, info.ancestry.
    const ours = beaconIndividual({
      id: 'HG00096',
      sex: { id: 'NCIT:C20197', label: 'male' },
      ancestry: [
        { id: 'HANCESTRO:0765', label: 'British in England and Scotland (1KGP)' },
        { id: 'HANCESTRO:0005', label: 'European' },
      ],
      diseases: [{ id: 'MONDO:0007254', label: 'breast cancer' }],
      phenotypicFeatures: [{ id: 'HP:0001250', label: 'Seizure' }],
    });
    expect(validator.validate(INDIVIDUAL, ours)).toEqual([]);
    expect(
      validator.validate(
        INDIVIDUAL,
        beaconIndividual({ id: 'x', sex: null, ancestry: [], diseases: [], phenotypicFeatures: [] }),
      ),
    ).toEqual([]);
    // Strict: a sex that is not an ontology term, a disease without its code, are refused.
    expect(validator.validate(INDIVIDUAL, { ...ours, sex: 'male' })).not.toEqual([]);
    expect(validator.validate(INDIVIDUAL, { ...ours, diseases: [{ label: 'breast cancer' }] })).not.toEqual(
      [],
    );
  });
});
