import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HelixgateConfig } from '@helixgate/config';
import { EnvelopeService } from './envelope.service';
import { MasterKeyRing } from './master-key-ring';

/**
 * Before the node serves anything (gateway, CLI): the master keys must cover every wrapped data key in the
 * database, the key-ring file must be private, and a ring is created only on a node without encrypted data.
 * A failure throws KeyRingStartupError, which the gateway and the CLI turn into a message and an exit code.
 */
@Injectable()
export class KeyRingStartupCheck implements OnModuleInit {
  constructor(
    private readonly config: HelixgateConfig,
    private readonly envelope: EnvelopeService,
    private readonly ring: MasterKeyRing,
  ) {}

  async onModuleInit(): Promise<void> {
    this.ring.verifyAtStartup(
      await this.envelope.wrappedKeyUsage(),
      this.config.vars.HELIXGATE_MASTER_KEY_CHECK,
    );
  }
}
