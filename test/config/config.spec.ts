import * as fs from 'node:fs';
import * as path from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { CONFIG_DOCS, ConfigError, ConfigVariables, loadConfig, renderConfigTable } from '@helixgate/config';

describe('configuration', () => {
  it('documents every variable the config class reads, and nothing else', () => {
    const declared = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(ConfigVariables, '', true, false)
        .map((m) => m.propertyName),
    );
    expect(CONFIG_DOCS.map((d) => d.env).sort()).toEqual([...declared].sort());
  });

  it('keeps the README configuration table identical to the documented variables', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(renderConfigTable());
  });

  it('refuses a wrong value naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ HELIXGATE_MASTER_KEY: 'too-short' })).toThrow(/HELIXGATE_MASTER_KEY/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('does not echo a secret in the error message', () => {
    try {
      loadConfig({ HELIXGATE_MASTER_KEY: 'not-a-key-but-secret-material' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as Error).message).not.toContain('secret-material');
    }
  });

  it('applies safe defaults', () => {
    const c = loadConfig({});
    expect(c.vars.HOST).toBe('127.0.0.1');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.embeddedDbDir.endsWith(path.join('.helixgate', 'db'))).toBe(true);
  });
});
