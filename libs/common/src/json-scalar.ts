import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/** A JSON value written in a GraphQL literal (an argument inline in the query rather than a variable). */
function literalOf(node: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.ENUM:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((v) => literalOf(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literalOf(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[node.name.value];
  }
}

/**
 * `JSON`: a structured value (object, list, string, number, boolean, null) as itself on the wire, where a
 * field used to carry it as a string of JSON to be parsed again (the audit trail's `detail`, a request's
 * research purpose). Only values JSON can carry pass: the stored jsonb columns it serves are already that.
 */
export const GraphQLJSON = new GraphQLScalarType({
  name: 'JSON',
  description:
    'A JSON value (object, list, string, number, boolean or null), as itself rather than in a string',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (node, variables) => literalOf(node, variables),
});
