/**
 * The gateway runs as `production` unless NODE_ENV says otherwise. This module is the first import of the
 * gateway's entry points because libraries read NODE_ENV once, when they load: graphql-js picks its
 * `instanceOf` then (outside production it inspects every failed instanceof for a duplicate graphql
 * module: 2% of a GraphQL count answer's CPU in the references bench), Express its error pages.
 */
process.env.NODE_ENV ??= 'production';

export {};
