import { Command } from 'commander';

/**
 * Runs `helixgate <args>` in this process with the given command groups registered (the CLI reads its
 * configuration from the environment, like the real binary) and returns what it printed on stdout.
 */
export async function runCli(register: ((program: Command) => void)[], ...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  for (const r of register) r(program);
  const out: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  try {
    await program.parseAsync(['node', 'helixgate', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}
