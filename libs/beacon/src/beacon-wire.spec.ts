import { DomainError } from '@helixgate/common';
import {
  BEACON_API_VERSION,
  BEACON_GRANULARITIES,
  beaconApiVersionOf,
  beaconIdFor,
  engineGranularity,
  graphqlGranularity,
  includesResultSet,
  isBeaconGranularityName,
  isGranularity,
  wireGranularity,
} from './beacon-wire';
import { GRANULARITIES } from './beacon-query';

describe('beacon wire names (one module for every face)', () => {
  it('maps each granularity to its wire and GraphQL names and back', () => {
    for (const g of GRANULARITIES) {
      expect(engineGranularity(wireGranularity(g))).toBe(g);
      expect(graphqlGranularity(g)).toBe(g);
    }
    expect(BEACON_GRANULARITIES.map(engineGranularity)).toEqual(['BOOLEAN', 'COUNT', 'RECORD']);
  });

  it("checks a peer's granularity names without casts", () => {
    expect(['BOOLEAN', 'COUNT', 'RECORD', 'count', 'NONE', 1, null, 'toString'].map(isGranularity)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(['boolean', 'count', 'record', 'COUNT', 'constructor'].map(isBeaconGranularityName)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('selects result sets per includeResultsetResponses', () => {
    expect([true, false].map((e) => includesResultSet(e, 'HIT'))).toEqual([true, false]);
    expect([true, false].map((e) => includesResultSet(e, 'MISS'))).toEqual([false, true]);
    expect([true, false].map((e) => includesResultSet(e, 'ALL'))).toEqual([true, true]);
    expect([true, false].map((e) => includesResultSet(e, 'NONE'))).toEqual([false, false]);
  });

  it('derives the beacon id from the node id', () => {
    expect(beaconIdFor('beacon.uni-x.de')).toBe('de.uni-x.beacon');
    expect(beaconIdFor('helixgate-local')).toBe('org.helixgate.helixgate-local');
  });

  it('answers v2.2.0 by default and to 2.2 clients, v2.1.1 to 2.0 and 2.1 clients', () => {
    expect(BEACON_API_VERSION).toBe('v2.2.0');
    for (const asked of [null, undefined, '', 'v2', '2', 'v2.2', 'v2.2.0', '2.2.0', 'V2.2.1'])
      expect(beaconApiVersionOf(asked)).toBe('v2.2.0');
    for (const asked of ['v2.0', 'v2.0.0', '2.0', 'v2.1', 'v2.1.1', '2.1.0'])
      expect(beaconApiVersionOf(asked)).toBe('v2.1.1');
  });

  it('refuses an apiVersion it does not speak rather than answer in another one', () => {
    for (const asked of ['v3.0.0', 'v1', '2.3', 'v2.10', 'latest', 'v2.2.0-beta']) {
      expect(() => beaconApiVersionOf(asked)).toThrow(DomainError);
      expect(() => beaconApiVersionOf(asked)).toThrow(/not served here.*v2\.2\.0 \(default\) or v2\.1\.1/);
    }
  });
});
