export * from './domain-error';
export * from './caller';
export * from './current-caller';
export * from './pagination';
export * from './json-scalar';
export * from './policy-file';
