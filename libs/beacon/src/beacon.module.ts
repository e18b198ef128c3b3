import { Module } from '@nestjs/common';
import { AccessModule } from '@helixgate/access';
import { AuditModule } from '@helixgate/audit';
import { GenesModule } from '@helixgate/genes';
import { OntologyModule } from '@helixgate/ontology';
import { PanelsModule } from '@helixgate/panels';
import { PrivacyModule } from '@helixgate/privacy';
import { VariantsModule } from '@helixgate/variants';
import { BeaconRepository } from './beacon.repository';
import { BeaconResultSetResolver } from './beacon-result-set.resolver';
import { BeaconResolver } from './beacon.resolver';
import { BeaconService } from './beacon.service';
import { BeaconIndividualsService } from './beacon-individuals.service';

/** Beacon v2 queries: validation, per-dataset granularity, one aggregate SQL statement, answer shaping. */
@Module({
  imports: [
    AuditModule,
    AccessModule,
    GenesModule,
    OntologyModule,
    PanelsModule,
    PrivacyModule,
    VariantsModule,
  ],
  providers: [
    BeaconRepository,
    BeaconService,
    BeaconIndividualsService,
    BeaconResolver,
    BeaconResultSetResolver,
  ],
  exports: [BeaconService, BeaconIndividualsService],
})
export class BeaconModule {}
