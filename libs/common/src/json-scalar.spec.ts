import { parseValue } from 'graphql';
import { GraphQLJSON } from './json-scalar';

describe('the JSON scalar', () => {
  it('answers an object as itself, not as a string of JSON', () => {
    const detail = { clientRequestId: 'abc', counts: [1, 2], nested: { ok: true, none: null } };
    expect(GraphQLJSON.serialize(detail)).toBe(detail);
  });

  it('reads a literal written in the query: objects, lists, numbers, booleans, null and variables', () => {
    const node = parseValue('{ a: 1, b: 2.5, c: "x", d: [true, null], e: { f: $v } }');
    expect(GraphQLJSON.parseLiteral(node, { v: 'from a variable' })).toEqual({
      a: 1,
      b: 2.5,
      c: 'x',
      d: [true, null],
      e: { f: 'from a variable' },
    });
  });
});
