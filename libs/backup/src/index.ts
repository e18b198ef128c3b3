export { BackupModule } from './backup.module';
export { BackupService } from './backup.service';
export { BackupError } from './backup-error';
export { type BackupManifest } from './backup-manifest';
export { type CatalogedBackup } from './backup-catalog.repository';
export { type PreparedRestore, restoreBeforeOpen } from './restore';
