import { Global, Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HelixgateConfig } from '@helixgate/config';
import { DataSource } from 'typeorm';
import { DatabaseConnection } from './database-connection';
import { dataSourceOptions } from './data-source-options';
import { runMigrations } from './migrate';
import { InvalidationBus } from './invalidation-bus';
import { PooledStatements } from './pooled-statements';
import { SharedRedis } from './shared-redis';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [DatabaseConnection],
      useFactory: (conn: DatabaseConnection) => ({
        ...dataSourceOptions(conn.url, conn.poolMax, [], conn.replicaUrls),
        autoLoadEntities: true,
      }),
      dataSourceFactory: async (options) => {
        const ds = await new DataSource(options!).initialize();
        await runMigrations(ds);
        return ds;
      },
    }),
  ],
  providers: [InvalidationBus, SharedRedis],
  exports: [InvalidationBus, SharedRedis],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(DatabaseConnection) private readonly conn: DatabaseConnection,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await PooledStatements.end(this.dataSource);
    await this.conn.close();
  }
}

/** Provides the DatabaseConnection (opened before Nest builds the module graph) to DatabaseModule. */
@Global()
@Module({})
export class DatabaseConnectionModule {
  static forConnection(conn: DatabaseConnection) {
    return {
      module: DatabaseConnectionModule,
      providers: [{ provide: DatabaseConnection, useValue: conn }],
      exports: [DatabaseConnection],
    };
  }
  static forConfig() {
    return {
      module: DatabaseConnectionModule,
      providers: [
        {
          provide: DatabaseConnection,
          inject: [HelixgateConfig],
          useFactory: (c: HelixgateConfig) => DatabaseConnection.open(c),
        },
      ],
      exports: [DatabaseConnection],
    };
  }
}
