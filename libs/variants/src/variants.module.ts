import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatasetEntity } from './dataset.entity';
import { DatasetService } from './dataset.service';
import { DatasetResolver } from './dataset.resolver';

@Module({
  imports: [TypeOrmModule.forFeature([DatasetEntity])],
  providers: [DatasetService, DatasetResolver],
  exports: [DatasetService, TypeOrmModule],
})
export class VariantsModule {}
