/** Server-supplied text made safe for a terminal: no control characters or escape sequences. */
export function safe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

interface Explained {
  evidence: string[];
  remediation: { platform: string; steps: string[]; commands: string[] }[];
}

/** A finding as plain text: its heading line, then evidence, then numbered steps and commands per platform. */
export function findingText(heading: string, f: Explained, prompt = '$'): string {
  const lines = [heading];
  for (const e of f.evidence) lines.push(`    - ${safe(e)}`);
  for (const r of f.remediation) {
    lines.push(`    fix (${r.platform}):`);
    r.steps.forEach((s, i) => lines.push(`      ${i + 1}. ${safe(s)}`));
    for (const c of r.commands) lines.push(`      ${prompt} ${safe(c)}`);
  }
  return lines.join('\n');
}
