import {
  GraphQLInt,
  GraphQLObjectType,
  GraphQLSchema,
  Kind,
  parse,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import {
  MAX_SELECTIONS,
  directivesReadVariables,
  operationDepth,
  rootFields,
  schemaCostReadsArguments,
} from './operation-limits';

function parts(source: string) {
  const doc = parse(source);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  let operation: OperationDefinitionNode | undefined;
  for (const d of doc.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    if (d.kind === Kind.OPERATION_DEFINITION) operation = d;
  }
  return { operation: operation!, fragments };
}

describe('GraphQL operation limits', () => {
  it('counts root fields by response key: aliases apart, repeats merged, fragments expanded once', () => {
    const { operation, fragments } = parts(`
      query { a: beacon b: beacon a: beacon me ...F ...F ... on Query { c: beacon } }
      fragment F on Query { d: beacon me }`);
    expect([...rootFields(operation, fragments, {}).entries()]).toEqual([
      ['a', 'beacon'],
      ['b', 'beacon'],
      ['me', 'me'],
      ['d', 'beacon'],
      ['c', 'beacon'],
    ]);
  });

  it('leaves out root fields that @skip or @include drop, with literals or variables', () => {
    const { operation, fragments } = parts(`
      query ($no: Boolean!) { a: beacon @skip(if: true) b: beacon @include(if: $no) c: beacon @include(if: true) }`);
    expect([...rootFields(operation, fragments, { no: false }).keys()]).toEqual(['c']);
    expect([...rootFields(operation, fragments, { no: true }).keys()]).toEqual(['b', 'c']);
  });

  it('measures nesting depth through fragments', () => {
    const { operation, fragments } = parts(`
      { a { b { ...F } } x }
      fragment F on T { c { ... on T { d } } }`);
    expect(operationDepth(operation, fragments, 20)).toEqual({ depth: 4, tooMany: false });
  });

  it('stops as soon as a document is deeper than the maximum, or spreads past the selection budget', () => {
    const n = 1500;
    const deep = parts(`{ ${'a { '.repeat(n)}b${' }'.repeat(n)} }`);
    expect(operationDepth(deep.operation, deep.fragments, 20)).toEqual({ depth: 21, tooMany: false });
    // Each fragment spreads the next one twice: 2^20 selections from a few hundred bytes.
    const defs = Array.from(
      { length: 20 },
      (_, i) => `fragment F${i} on T { a { ...F${i + 1} ...F${i + 1} } }`,
    ).join('\n');
    const wide = parts(`{ ...F0 }\n${defs}\nfragment F20 on T { b }`);
    const r = operationDepth(wide.operation, wide.fragments, 1000);
    expect(r.tooMany).toBe(true);
    expect(MAX_SELECTIONS).toBe(10_000);
  });

  it("tells whether a document's directives read variables (its cost may then depend on them)", () => {
    expect(directivesReadVariables(parse('query ($q: In) { beacon(query: $q) { exists } }'))).toBe(false);
    expect(directivesReadVariables(parse('{ a @include(if: true) b @skip(if: false) }'))).toBe(false);
    expect(directivesReadVariables(parse('query ($x: Boolean!) { a b @skip(if: $x) }'))).toBe(true);
    expect(
      directivesReadVariables(
        parse('query ($x: Boolean!) { ...F } fragment F on Query { ... on Query @include(if: $x) { a } }'),
      ),
    ).toBe(true);
  });

  it('tells whether a schema field computes its cost from its arguments', () => {
    const schema = (complexity?: unknown) =>
      new GraphQLSchema({
        query: new GraphQLObjectType({
          name: 'Query',
          fields: { n: { type: GraphQLInt, extensions: complexity === undefined ? {} : { complexity } } },
        }),
      });
    expect(schemaCostReadsArguments(schema())).toBe(false);
    expect(schemaCostReadsArguments(schema(5))).toBe(false);
    expect(schemaCostReadsArguments(schema(() => 5))).toBe(true);
  });
});
