import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertDistBuilt } from './dist-build';

export interface BotProcess {
  child: ChildProcess;
  stderr(): string;
  /** The first JSON log line whose msg is `msg`. */
  logLine(msg: string, timeoutMs?: number): Promise<Record<string, any>>;
  /** SIGTERM, then SIGKILL if it has not exited in time; removes its data directory. */
  stop(): Promise<void>;
}

/** `npm start` as a real process (dist/slack/main.js) with its own data directory and only the given environment. */
export function startBotProcess(env: Record<string, string>): BotProcess {
  assertDistBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'starttls-bot-process-'));
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'slack', 'main.js')], {
    cwd: dataDir,
    env: { PATH: process.env.PATH ?? '', STARTTLS_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const find = (msg: string) =>
    stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, any>)
      .find((e) => e.msg === msg);
  return {
    child,
    stderr: () => stderr,
    logLine: (msg, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const line = find(msg);
          if (!line) return false;
          clearTimeout(timer);
          child.stderr!.off('data', check);
          child.off('exit', exited);
          resolve(line);
          return true;
        };
        const exited = () => reject(new Error(`bot exited before logging "${msg}":\n${stderr}`));
        const timer = setTimeout(() => reject(new Error(`bot did not log "${msg}":\n${stderr}`)), timeoutMs);
        if (check()) return;
        child.stderr!.on('data', check);
        child.once('exit', exited);
      }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
        clearTimeout(timer);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
