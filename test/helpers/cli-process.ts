import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { assertDistBuilt } from './dist-build';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export const BIN = join(__dirname, '..', '..', 'bin', 'starttls.js');

/**
 * The real `starttls` process (bin/starttls.js over dist/), stdout and stderr piped. Asynchronous,
 * so servers living in the test process keep answering. `env` is added to a copy of the
 * environment without the colour variables, so a developer's FORCE_COLOR does not leak in.
 */
export function runCli(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  assertDistBuilt();
  const base = { ...process.env };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...base, ...env } }, (err, stdout, stderr) => {
      resolve({ status: err ? Number((err as { code?: number }).code) : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}
