import { spawnSync } from 'node:child_process';

/** Whether a command runs at all (for optional comparisons). */
export function hasCommand(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}
