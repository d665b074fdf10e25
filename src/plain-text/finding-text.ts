import { commandLines, remediationLabel, type StoredCommand } from '../fix-commands/command';
import type { Remediation } from '../fix-commands/types';
import { safe } from './escape';

export function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

interface Explained {
  evidence: string[];
  /** Who refuses the mail, and how. */
  impact?: string;
  remediation: { platform: Remediation['platform']; guess?: boolean; steps: string[]; commands: readonly StoredCommand[] }[];
}

/** "fix (postfix):", or "if this is Postfix:" for a guess made because the platform was not recognised. */
function fixHeading(r: Explained['remediation'][number]): string {
  return r.guess ? `${remediationLabel(r).replace(/^If/, 'if')}:` : `fix (${r.platform}):`;
}

/**
 * A finding as plain text: its heading line, then evidence, then numbered steps and commands per
 * platform. Each command carries its shell's prompt (`$ `, `PS> `, `[EMS] PS> `, `asa(config)# `).
 */
export function findingText(heading: string, f: Explained): string {
  const lines = [heading];
  if (f.impact) lines.push(`    who fails: ${f.impact}`);
  for (const e of f.evidence) lines.push(`    - ${safe(e)}`);
  for (const r of f.remediation) {
    lines.push(`    ${fixHeading(r)}`);
    r.steps.forEach((s, i) => lines.push(`      ${i + 1}. ${safe(s)}`));
    for (const c of commandLines(r.commands, safe)) lines.push(`      ${c}`);
  }
  return lines.join('\n');
}
