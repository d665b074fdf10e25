import type { Command, Remediation } from './types';
import { PLATFORM_LABELS } from './platforms';

/**
 * The one prompt convention for commands, whatever renders them (CLI text, Slack, analyze):
 * the prompt belongs to the command's shell, so a PowerShell line never shows `$ `.
 */

export const sh = (line: string): Command => ({ shell: 'sh', line });
export const powershell = (line: string): Command => ({ shell: 'powershell', line });
/** Exchange Management Shell (on-premises cmdlets). */
export const ems = (line: string): Command => ({ shell: 'ems', line });
/** Exchange Online PowerShell (Connect-ExchangeOnline). */
export const exo = (line: string): Command => ({ shell: 'exo', line });
/** Cisco ASA privileged EXEC mode, or a configuration mode ("config", "config-pmap", ...). */
export const asa = (line: string, mode?: string): Command => (mode ? { shell: 'asa', line, mode } : { shell: 'asa', line });
/** A line that goes into a configuration file rather than a shell. */
export const fileLine = (file: string, line: string): Command => ({ shell: 'file', line, file });

export const sha = (lines: string[]): Command[] => lines.map(sh);

/** The prompt a command is shown with: `$ `, `PS> `, `[EMS] PS> `, `[EXO] PS> `, `asa# `, `asa(config)# `; none for file lines. */
export function promptOf(command: Command): string {
  switch (command.shell) {
    case 'sh':
      return '$ ';
    case 'powershell':
      return 'PS> ';
    case 'ems':
      return '[EMS] PS> ';
    case 'exo':
      return '[EXO] PS> ';
    case 'asa':
      return command.mode ? `asa(${command.mode})# ` : 'asa# ';
    case 'file':
      return '';
  }
}

/** A command as stored by an older version (a bare string, shell unknown) or as it is now. */
export type StoredCommand = Command | string;

/**
 * Commands as display lines with their prompts. Consecutive lines for one configuration file
 * come under an `in <file>:` line, indented. `clean` makes each text safe for the output
 * (control characters, markup); it is applied to observed text only, never to prompts.
 */
export function commandLines(commands: readonly StoredCommand[], clean: (text: string) => string = (t) => t): string[] {
  const lines: string[] = [];
  let file: string | undefined;
  for (const stored of commands) {
    if (typeof stored === 'string') {
      file = undefined;
      lines.push(clean(stored));
      continue;
    }
    if (stored.shell === 'file') {
      const name = stored.file ?? 'the configuration file';
      if (name !== file) lines.push(`in ${clean(name)}:`);
      file = name;
      lines.push(`  ${clean(stored.line)}`);
      continue;
    }
    file = undefined;
    lines.push(`${promptOf(stored)}${clean(stored.line)}`);
  }
  return lines;
}

/** "fix (Postfix)", or "If this is Postfix" for a guess, "Any platform" for the generic entry. */
export function remediationLabel(r: Pick<Remediation, 'platform' | 'guess'>): string {
  if (r.platform === 'any') return 'Any platform';
  const name = PLATFORM_LABELS[r.platform];
  return r.guess ? `If this is ${name}` : name;
}

/** The commands without repeats (same shell and line), first occurrence kept. */
export function uniqueCommands(commands: readonly Command[]): Command[] {
  const seen = new Set<string>();
  return commands.filter((c) => {
    const key = `${c.shell}\u0000${c.mode ?? ''}\u0000${c.file ?? ''}\u0000${c.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
