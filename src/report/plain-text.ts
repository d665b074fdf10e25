import { commandLines, remediationLabel, type StoredCommand } from '../diagnosis/remediation/command';
import type { Remediation } from '../diagnosis/types';

/**
 * Server-supplied text made safe for a terminal: control characters (but tab and newline) as `\xHH`,
 * invisible and reordering characters (zero-width, bidirectional controls, BOM) as `\u{HHHH}`, so
 * a banner can neither drive the terminal nor hide or reverse what it says.
 */
export function safe(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, escapeChar);
}

export function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

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
