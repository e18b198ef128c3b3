export * from './panel-record';
export * from './panel.repository';
export * from './panel.service';
export * from './panels.module';
export * from './vcf-subset';
