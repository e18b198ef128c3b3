import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatasetKeyEntity } from './dataset-key.entity';
import { EnvelopeService } from './envelope.service';
import { MasterKeyRing } from './master-key-ring';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([DatasetKeyEntity])],
  providers: [MasterKeyRing, EnvelopeService],
  exports: [MasterKeyRing, EnvelopeService],
})
export class CryptoModule {}
