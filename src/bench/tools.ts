import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Whether a command runs at all (for optional comparisons). */
export function hasCommand(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

export function postfixInstalled(): boolean {
  return ['/usr/sbin/postfix', '/usr/local/sbin/postfix'].some((p) => existsSync(p)) || hasCommand('postfix', ['-h']);
}
