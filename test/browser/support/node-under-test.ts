import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const GATEWAY = path.join(ROOT, 'dist/apps/gateway/src/main.js');
const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');

/**
 * A Helixgate node as `npm start` runs it: the built gateway with the demo datasets, on a fresh embedded
 * database, in its own process; the console built from source and served by it. People are added with the
 * real CLI.
 */
export class NodeUnderTest {
  url = '';
  private child?: ChildProcess;
  private readonly env: NodeJS.ProcessEnv;
  readonly log: string[] = [];

  constructor(
    readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-console-e2e-')),
    extraEnv: Record<string, string> = {},
  ) {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATABASE_URL; // the embedded database, as a fresh install has
    delete env.HELIXGATE_DB_POOL_MAX;
    this.env = {
      ...env,
      HELIXGATE_DATA_DIR: dataDir,
      HELIXGATE_MASTER_KEY: randomBytes(32).toString('base64'),
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      ...extraEnv,
    };
  }

  static buildConsole(): void {
    if (!fs.existsSync(GATEWAY))
      throw new Error('run `npm run build` first (the browser tests start the built gateway)');
    execFileSync('npm', ['run', 'build', '--prefix', path.join(ROOT, 'apps/console')], { stdio: 'pipe' });
  }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, [GATEWAY, '--demo'], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const onData = (d: Buffer) => {
        out += String(d);
        this.log.push(String(d));
        const m = /Helixgate Console: (http:\/\/\S+?)\/console\//.exec(out);
        if (m) resolve(m[1].replace('localhost', '127.0.0.1'));
      };
      this.child!.stdout!.on('data', onData);
      this.child!.stderr!.on('data', (d: Buffer) => this.log.push(String(d)));
      this.child!.on('exit', (code) => reject(new Error(`gateway exited (${code}):\n${this.log.join('')}`)));
      setTimeout(
        () => reject(new Error(`gateway did not start in time:\n${this.log.join('')}`)),
        240_000,
      ).unref();
    });
  }

  /** `helixgate <args>` against this node (the CLI joins the running gateway's embedded database). */
  cli(args: string[], input?: string): string {
    return execFileSync(process.execPath, [CLI, ...args], { env: this.env, input, encoding: 'utf8' });
  }

  addUser(username: string, role: string, name: string, institution: string, password: string): void {
    this.cli([
      'users',
      'add',
      '--username',
      username,
      '--role',
      role,
      '--name',
      name,
      '--institution',
      institution,
      '--no-invitation',
    ]);
    this.cli(['users', 'passwd', '--username', username, '--password-stdin'], `${password}\n`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  }
}
