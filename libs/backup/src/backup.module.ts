import { Module } from '@nestjs/common';
import { AuditModule } from '@helixgate/audit';
import { CryptoModule } from '@helixgate/crypto';
import { BackupCatalogRepository } from './backup-catalog.repository';
import { BackupService } from './backup.service';

/** Backups and restore checks of the node (CLI), and the catalogue that key retirement consults. */
@Module({
  imports: [AuditModule, CryptoModule],
  providers: [BackupCatalogRepository, BackupService],
  exports: [BackupService],
})
export class BackupModule {}
