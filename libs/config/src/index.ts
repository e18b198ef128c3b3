export { CONFIG_DOCS, ConfigVariables, renderConfigTable } from './config-variables';
export { bundledPoliciesDir, ConfigError, HelixgateConfig, loadConfig } from './config.service';
export { ConfigModule } from './config.module';
