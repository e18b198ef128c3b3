import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  AUDIT_CHECKPOINT_SIGNER,
  AuditModule,
  type AuditCheckpointSigner,
  AuditService,
} from '@helixgate/audit';
import type { Caller } from '@helixgate/common';
import { AccessModule } from '@helixgate/access';
import { ConfigModule, type HelixgateConfig } from '@helixgate/config';
import { CryptoModule } from '@helixgate/crypto';
import { DatabaseConnection, DatabaseConnectionModule, DatabaseModule } from '@helixgate/db';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

@Module({})
class AuditTestModule {
  static forRoot(config: HelixgateConfig, conn: DatabaseConnection): DynamicModule {
    return {
      module: AuditTestModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseConnectionModule.forConnection(conn),
        DatabaseModule,
        AuditModule,
        // audit permissions come from policies/roles.yaml through the access module's abilities
        CryptoModule,
        AccessModule,
      ],
    };
  }
}

export interface AuditTestApp {
  app: INestApplicationContext;
  audit: AuditService;
  ds: DataSource;
  signer: AuditCheckpointSigner;
  close(): Promise<void>;
}

/** The audit module (with the access module that gives it its permissions) over the suite's database. */
export async function auditTestApp(config: HelixgateConfig): Promise<AuditTestApp> {
  const conn = await DatabaseConnection.open(config);
  const app = await NestFactory.createApplicationContext(AuditTestModule.forRoot(config, conn), {
    logger: false,
  });
  return {
    app,
    audit: app.get(AuditService),
    ds: app.get(DataSource),
    signer: app.get<AuditCheckpointSigner>(AUDIT_CHECKPOINT_SIGNER),
    close: async () => {
      await app.close();
      await conn.close();
    },
  };
}

export function callerWith(roles: Caller['roles'], subject: string | null = `test|${randomUUID()}`): Caller {
  return {
    subject,
    issuer: subject ? 'https://issuer.test' : null,
    roles,
    institution: 'Test Institute',
    visas: [],
    requestId: randomUUID(),
  };
}
