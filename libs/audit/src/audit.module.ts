import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HelixgateConfig } from '@helixgate/config';
import { DataSource } from 'typeorm';
import { AuditCheckpointEntity } from './audit-checkpoint.entity';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditEventEntity } from './audit-event.entity';
import { AuditWriter } from './audit-writer';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditActivityResolver } from './audit-activity.resolver';
import { AuditActivityService } from './audit-activity.service';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';
import { AUDIT_CHECKPOINT_SIGNER, FileCheckpointSigner } from './checkpoint-signer';

/**
 * The audit trail. Import it and use `AuditService.record()` / `annotate()`. The gateway registers
 * `AuditInterceptor` as APP_INTERCEPTOR; the CLI uses the service directly.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEventEntity, AuditCheckpointEntity])],
  providers: [
    { provide: AuditWriter, inject: [DataSource], useFactory: (ds: DataSource) => new AuditWriter(ds) },
    {
      provide: AUDIT_CHECKPOINT_SIGNER,
      inject: [HelixgateConfig],
      useFactory: (c: HelixgateConfig) => FileCheckpointSigner.forConfig(c),
    },
    AuditCheckpointService,
    AuditService,
    AuditInterceptor,
    AuditResolver,
    AuditActivityService,
    AuditActivityResolver,
  ],
  controllers: [AuditController],
  exports: [AuditService, AuditInterceptor, AUDIT_CHECKPOINT_SIGNER],
})
export class AuditModule {}
