import { Module } from '@nestjs/common';
import { AuditModule } from '@helixgate/audit';
import { PanelRepository } from './panel.repository';
import { PanelService } from './panel.service';

/** Reference panels: import (CLI) and frequency lookups for the privacy guard's pricing. */
@Module({
  imports: [AuditModule],
  providers: [PanelRepository, PanelService],
  exports: [PanelService],
})
export class PanelsModule {}
