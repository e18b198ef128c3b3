import { Module } from '@nestjs/common';
import { AuditModule } from '@helixgate/audit';
import { BeaconRepository } from './beacon.repository';
import { BeaconResolver } from './beacon.resolver';
import { BeaconService } from './beacon.service';

/** Beacon v2 queries: validation, per-dataset granularity, one aggregate SQL statement, answer shaping. */
@Module({
  imports: [AuditModule],
  providers: [BeaconRepository, BeaconService, BeaconResolver],
  exports: [BeaconService],
})
export class BeaconModule {}
