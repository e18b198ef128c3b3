import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents from the gateway's schema. `schema.graphql` is printed from the gateway's resolvers by
 * `npm run console:schema` (root); `npm run codegen` regenerates src/gql; `npm run lint` checks both are
 * current (a schema change that breaks an operation fails there, naming the operation).
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
};
export default config;
