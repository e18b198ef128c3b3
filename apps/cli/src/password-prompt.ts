import * as readline from 'node:readline';
import { CliError } from './cli-context';

/** Reads all of standard input and returns its first line (a script piping a password). */
async function firstLineOfStdin(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) {
    data += String(chunk);
    if (data.length > 4096) break;
  }
  return data.split(/\r?\n/)[0];
}

/** Asks once on the terminal without echoing what is typed. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stderr.write(prompt);
    output._writeToOutput = () => undefined; // hide the typed characters
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

/** A new password: from stdin (`--password-stdin`), or typed twice on a terminal; null when they differ. */
export async function readNewPassword(fromStdin: boolean): Promise<string | null> {
  if (fromStdin) return firstLineOfStdin();
  if (!process.stdin.isTTY) {
    throw new CliError('no terminal to ask for the password: pipe it with --password-stdin');
  }
  const first = await askHidden('new password: ');
  const second = await askHidden('again: ');
  return first === second ? first : null;
}
