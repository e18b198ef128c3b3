import {
  BEACON_GRANULARITIES,
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
});
