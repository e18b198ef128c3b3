export * from './config-variables';
export * from './config.service';
export * from './config.module';
