// @casl/ability publishes its types only through package.json "exports", which TypeScript's `node`
// module resolution (used here for CommonJS output) does not read. These declarations point at them.
declare module '@casl/ability' {
  export * from '@casl/ability/dist/types/index';
}
declare module '@casl/ability/extra' {
  export * from '@casl/ability/dist/types/extra/index';
}
