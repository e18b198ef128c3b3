export * from './beacon-rest.module';
export * from './beacon-rest.service';
export * from './beacon-request';
export * from './beacon-response';
export * from './genomic-variant-record';
