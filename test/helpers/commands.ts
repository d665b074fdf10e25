import type { Command } from '../../src/fix-commands/types';

/** The text of each command of a remediation entry, without its shell. */
export function lines(r: { commands: readonly Command[] } | undefined): string[] {
  return r?.commands.map((c) => c.line) ?? [];
}
