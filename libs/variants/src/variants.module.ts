import { Module } from '@nestjs/common';
import { OntologyModule } from '@helixgate/ontology';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatasetEntity } from './dataset.entity';
import { DatasetRepository } from './dataset.repository';
import { DatasetService } from './dataset.service';
import { VariantEntity } from './variant.entity';
import { VariantAnnotationEntity } from './variant-annotation.entity';
import { IndividualEntity } from './individual.entity';
import { IngestService } from './ingest/ingest.service';
import { VariantRecordsService } from './records/variant-records.service';
import { ParticipantWithdrawalService } from './withdrawal/participant-withdrawal.service';
import { IndividualMetadataService } from './individuals/individual-metadata.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([DatasetEntity, VariantEntity, VariantAnnotationEntity, IndividualEntity]),
    OntologyModule,
  ],
  providers: [
    DatasetRepository,
    DatasetService,
    IngestService,
    VariantRecordsService,
    ParticipantWithdrawalService,
    IndividualMetadataService,
  ],
  exports: [
    DatasetService,
    IngestService,
    VariantRecordsService,
    ParticipantWithdrawalService,
    IndividualMetadataService,
    TypeOrmModule,
  ],
})
export class VariantsModule {}
