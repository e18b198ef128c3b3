import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatasetKeyEntity } from './dataset-key.entity';
import { EnvelopeService } from './envelope.service';
import { KeyRingStartupCheck } from './key-ring-startup.check';
import { MasterKeyRing } from './master-key-ring';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([DatasetKeyEntity])],
  providers: [MasterKeyRing, EnvelopeService, KeyRingStartupCheck],
  exports: [MasterKeyRing, EnvelopeService],
})
export class CryptoModule {}
