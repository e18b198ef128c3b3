import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_DOCS, ConfigVariables, parseTrustProxy } from './config-variables';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once; a wrong value throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HelixgateConfig {
  const known = Object.keys(new ConfigVariables());
  const plain: Record<string, unknown> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') plain[key] = value;
  }
  const vars = plainToInstance(ConfigVariables, plain, { exposeDefaultValues: true });
  const errors = validateSync(vars, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => {
        // A secret's value is never echoed, even when it is wrong.
        const secret = CONFIG_DOCS.find((d) => d.env === e.property)?.secret;
        const got = secret ? '' : ` (got ${JSON.stringify(e.value)})`;
        return `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}${got}`;
      }),
    );
  }
  return new HelixgateConfig(vars);
}

export class HelixgateConfig {
  constructor(readonly vars: ConfigVariables) {}

  /** HELIXGATE_DATABASE_REPLICA_URLS as a list (empty when unset). */
  get replicaUrls(): string[] {
    return (this.vars.HELIXGATE_DATABASE_REPLICA_URLS ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter((u) => u.length > 0);
  }

  get databaseUrl(): string | undefined {
    return this.vars.DATABASE_URL;
  }
  get dataDir(): string {
    return path.resolve(this.vars.HELIXGATE_DATA_DIR);
  }
  get embeddedDbDir(): string {
    return path.resolve(this.vars.HELIXGATE_EMBEDDED_DB_DIR ?? path.join(this.dataDir, 'db'));
  }
  get masterKeyFile(): string {
    return path.resolve(this.vars.HELIXGATE_MASTER_KEY_FILE ?? path.join(this.dataDir, 'master-keys.json'));
  }
  /** HELIXGATE_TRUST_PROXY as Express' `trust proxy` setting takes it (validated at load). */
  get trustProxy(): false | number | string[] {
    return parseTrustProxy(this.vars.HELIXGATE_TRUST_PROXY) ?? false;
  }
  /** HELIXGATE_POLICIES_DIR, else the `policies/` folder of this installation (found from the code's location). */
  get policiesDir(): string {
    if (this.vars.HELIXGATE_POLICIES_DIR) return path.resolve(this.vars.HELIXGATE_POLICIES_DIR);
    return bundledPoliciesDir();
  }
  /** HELIXGATE_CONSOLE_DIR, else the console's build output in this installation (`apps/console/dist`). */
  get consoleDir(): string {
    if (this.vars.HELIXGATE_CONSOLE_DIR) return path.resolve(this.vars.HELIXGATE_CONSOLE_DIR);
    return path.join(path.dirname(bundledPoliciesDir()), 'apps', 'console', 'dist');
  }
}

let bundled: string | undefined;

/** The repository's `policies/`: walk up from this file (libs/config/src or dist/libs/config/src). */
export function bundledPoliciesDir(): string {
  if (bundled) return bundled;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'policies');
    if (fs.existsSync(path.join(candidate, 'roles.yaml'))) return (bundled = candidate);
    dir = path.dirname(dir);
  }
  return (bundled = path.resolve('policies'));
}
