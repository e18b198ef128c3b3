import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OntologyModule } from '@helixgate/ontology';
import { VariantsModule } from '@helixgate/variants';
import { ConsentResolver } from './consent.resolver';
import { ConsentService } from './consent.service';
import { DatasetConsentEntity } from './dataset-consent.entity';

@Module({
  imports: [TypeOrmModule.forFeature([DatasetConsentEntity]), VariantsModule, OntologyModule],
  providers: [ConsentService, ConsentResolver],
  exports: [ConsentService],
})
export class ConsentModule {}
