export * from './backup.module';
export * from './backup.service';
export * from './backup-error';
export * from './backup-manifest';
export * from './backup-catalog.repository';
export * from './restore';
