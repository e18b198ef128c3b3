export * from './gene-index';
export * from './genes.service';
export * from './genes.module';
