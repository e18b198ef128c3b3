import { StderrLogger } from './cli-context';

/** What the CLI's logger writes to stderr for one warning, with stderr a terminal or not. */
function warnWith(isTTY: boolean): { stdout: string; stderr: string } {
  const saved = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  Object.defineProperty(process.stderr, 'isTTY', { value: isTTY, configurable: true });
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
    new StderrLogger('helixgate', { logLevels: ['error', 'warn'] }).warn('created a new master key ring');
  } finally {
    o.mockRestore();
    e.mockRestore();
    if (saved) Object.defineProperty(process.stderr, 'isTTY', saved);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
  }
  return { stdout: out.join(''), stderr: err.join('') };
}

const ANSI = /\u001b\[/;

describe('the CLI logger', () => {
  const noColor = process.env.NO_COLOR;
  beforeEach(() => delete process.env.NO_COLOR);
  afterAll(() => {
    if (noColor !== undefined) process.env.NO_COLOR = noColor;
  });

  it('writes plain text to stderr when stderr is not a terminal (a pipe, a CI log), nothing to stdout', () => {
    const { stdout, stderr } = warnWith(false);
    expect(stdout).toBe('');
    expect(stderr).toContain('created a new master key ring');
    expect(stderr).not.toMatch(ANSI);
  });

  it('colours the line on a terminal, unless NO_COLOR is set', () => {
    expect(warnWith(true).stderr).toMatch(ANSI);
    process.env.NO_COLOR = '1';
    expect(warnWith(true).stderr).not.toMatch(ANSI);
  });
});
