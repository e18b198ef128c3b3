import { DynamicModule, Global, Module } from '@nestjs/common';
import { HelixgateConfig, loadConfig } from './config.service';

@Global()
@Module({})
export class ConfigModule {
  /** Provides the validated configuration: the one given (tests, CLI) or the process environment's. */
  static forRoot(config?: HelixgateConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: HelixgateConfig, useFactory: () => config ?? loadConfig() }],
      exports: [HelixgateConfig],
    };
  }
}
