import { EX_USAGE, helixgateVersion, runCli } from './program';

/** Runs the CLI in process, capturing what it writes (commander writes help and errors itself). */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    out.push(String(c));
    return true;
  });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    err.push(String(c));
    return true;
  });
  try {
    const code = await runCli(['node', 'helixgate', ...args], (line) => err.push(`${line}\n`));
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('helixgate command line conventions', () => {
  it('prints its version with --version and -V (from package.json), exit 0', async () => {
    const version = helixgateVersion();
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ['--version', '-V']) {
      const r = await cli(flag);
      expect(r).toMatchObject({ code: 0, out: `${version}\n` });
    }
  });

  it('answers a wrong command line with the problem, usage and exit 64, never a stack trace', async () => {
    for (const args of [['datasets', 'create', '--bogus'], ['no-such-command'], ['keys', 'rotate']]) {
      const r = await cli(...args);
      expect(r.code).toBe(EX_USAGE);
      expect(r.err).toMatch(/error:|say what to rotate/);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 0 after help', async () => {
    expect((await cli('--help')).code).toBe(0);
    expect((await cli('audit', 'search', '--help')).out).toContain('--actor');
  });
});
