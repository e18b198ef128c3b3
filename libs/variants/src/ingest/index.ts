export * from './ingest.service';
export * from './genotype-codec';
export * from './variant-allele';
export * from './vcf-reader';
export * from './variant-bulk-writer';
export * from './annotations';
