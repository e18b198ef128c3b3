import { DynamicModule, Module, type Type } from '@nestjs/common';
import { ConfigModule, HelixgateConfig } from '@helixgate/config';
import { AccessModule } from '@helixgate/access';
import { AuditModule } from '@helixgate/audit';
import { BackupModule } from '@helixgate/backup';
import { ConsentModule } from '@helixgate/consent';
import { DatabaseConnection, DatabaseConnectionModule, DatabaseModule } from '@helixgate/db';
import { CryptoModule } from '@helixgate/crypto';
import { FederationModule } from '@helixgate/federation';
import { IdentityModule } from '@helixgate/identity';
import { NotificationsModule } from '@helixgate/notifications';
import { PanelsModule } from '@helixgate/panels';
import { VariantsModule } from '@helixgate/variants';

/** The CLI's module graph: the same services as the gateway, without HTTP. */
@Module({})
export class CliModule {
  static forRoot(config: HelixgateConfig, connection: DatabaseConnection, extra: Type[] = []): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseConnectionModule.forConnection(connection),
        DatabaseModule,
        AuditModule,
        CryptoModule,
        IdentityModule,
        VariantsModule,
        ConsentModule,
        AccessModule,
        FederationModule,
        PanelsModule,
        BackupModule,
        NotificationsModule,
        ...extra,
      ],
    };
  }
}
