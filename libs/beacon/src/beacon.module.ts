import { Module } from '@nestjs/common';
import { AccessModule } from '@helixgate/access';
import { AuditModule } from '@helixgate/audit';
import { GenesModule } from '@helixgate/genes';
import { PanelsModule } from '@helixgate/panels';
import { PrivacyModule } from '@helixgate/privacy';
import { VariantsModule } from '@helixgate/variants';
import { BeaconRepository } from './beacon.repository';
import { BeaconResolver } from './beacon.resolver';
import { BeaconService } from './beacon.service';

/** Beacon v2 queries: validation, per-dataset granularity, one aggregate SQL statement, answer shaping. */
@Module({
  imports: [AuditModule, AccessModule, GenesModule, PanelsModule, PrivacyModule, VariantsModule],
  providers: [BeaconRepository, BeaconService, BeaconResolver],
  exports: [BeaconService],
})
export class BeaconModule {}
