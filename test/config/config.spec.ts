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

  it('limits bad input by default and lets the operator tune the limits', () => {
    const d = loadConfig({}).vars;
    expect(d.HELIXGATE_MAX_BODY_BYTES).toBe(102_400);
    expect(d.HELIXGATE_MAX_ALLELE_LENGTH).toBe(10_000);
    expect(d.HELIXGATE_GRAPHQL_MAX_ROOT_FIELDS).toBeGreaterThan(0);
    expect(d.HELIXGATE_GRAPHQL_MAX_COST).toBeGreaterThan(0);
    const c = loadConfig({ HELIXGATE_MAX_BODY_BYTES: '1048576', HELIXGATE_MAX_ALLELE_LENGTH: '500' }).vars;
    expect([c.HELIXGATE_MAX_BODY_BYTES, c.HELIXGATE_MAX_ALLELE_LENGTH]).toEqual([1_048_576, 500]);
    expect(() => loadConfig({ HELIXGATE_MAX_BODY_BYTES: '0' })).toThrow(/HELIXGATE_MAX_BODY_BYTES/);
    expect(() => loadConfig({ HELIXGATE_GRAPHQL_MAX_ROOT_FIELDS: 'many' })).toThrow(
      /HELIXGATE_GRAPHQL_MAX_ROOT_FIELDS/,
    );
  });

  it('trusts no proxy by default, and takes hop counts or proxy addresses only', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ HELIXGATE_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ HELIXGATE_TRUST_PROXY: 'loopback, 10.0.0.0/8,2001:db8::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '2001:db8::1',
    ]);
    // `true` would believe any X-Forwarded-For a client sends: every request could claim a new address.
    for (const bad of ['true', 'proxy.example.org', '10.0.0.0/33', '300.1.1.1'])
      expect(() => loadConfig({ HELIXGATE_TRUST_PROXY: bad })).toThrow(/HELIXGATE_TRUST_PROXY/);
  });
});
