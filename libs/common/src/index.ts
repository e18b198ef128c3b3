export * from './domain-error';
export * from './caller';
