import { Module } from '@nestjs/common';
import { GenesService } from './genes.service';

/** Human gene coordinates (GRCh38) and symbol aliases, for Beacon `geneId` queries. */
@Module({ providers: [GenesService], exports: [GenesService] })
export class GenesModule {}
