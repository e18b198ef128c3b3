import type { Command } from 'commander';
import { CONFIG_DOCS, ConfigError, loadConfig, renderConfigTable } from '@helixgate/config';
import { CliError } from '../cli-context';

export function registerConfigCommands(program: Command): void {
  const config = program
    .command('config')
    .description('configuration: check the environment, print the reference table');
  config
    .command('check')
    .description('validate the environment and print the effective settings (secrets masked)')
    .action(() => {
      try {
        const c = loadConfig();
        const vars = c.vars as unknown as Record<string, string | number | boolean | undefined>;
        for (const d of CONFIG_DOCS) {
          const value = vars[d.env];
          const shown = value === undefined ? '(unset)' : d.secret ? '********' : String(value);
          process.stdout.write(`${d.env}=${shown}\n`);
        }
      } catch (err) {
        if (err instanceof ConfigError) throw new CliError(err.message, 78);
        throw err;
      }
    });
  config
    .command('table')
    .description('print the configuration reference as a markdown table (the README embeds it)')
    .action(() => {
      process.stdout.write(`${renderConfigTable()}\n`);
    });
}
