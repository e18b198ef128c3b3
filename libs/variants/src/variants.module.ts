import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatasetEntity } from './dataset.entity';
import { DatasetService } from './dataset.service';
import { DatasetResolver } from './dataset.resolver';
import { VariantEntity } from './variant.entity';
import { IndividualEntity } from './individual.entity';
import { IngestService } from './ingest/ingest.service';

@Module({
  imports: [TypeOrmModule.forFeature([DatasetEntity, VariantEntity, IndividualEntity])],
  providers: [DatasetService, DatasetResolver, IngestService],
  exports: [DatasetService, IngestService, TypeOrmModule],
})
export class VariantsModule {}
