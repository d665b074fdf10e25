import type { Report } from '../report/types';
import { escapeChar, safe } from '../plain-text/escape';
import { style, type Style } from '../plain-text/colour';

/** Entries shown per port; the JSON report keeps all the engine kept (400). */
export const MAX_TRANSCRIPT_LINES = 120;

const PREFIX = { client: 'C: ', server: 'S: ', info: '* ' } as const;

/**
 * Each port's SMTP conversation for `-v`: client and server lines and the engine's notes
 * (connecting, TLS established, errors), with every byte a terminal could act on made visible.
 */
export function transcriptText(report: Report, s: Style = style(false)): string {
  return report.ports
    .map((p) => {
      const shown = p.transcript.slice(0, MAX_TRANSCRIPT_LINES);
      const lines = shown.map((e) => {
        const text = `${String(e.at).padStart(6)} ms  ${PREFIX[e.dir]}${visible(e.text)}`;
        return e.dir === 'client' ? s.cyan(text) : e.dir === 'info' ? s.dim(text) : text;
      });
      const more = p.transcript.length - shown.length;
      if (more > 0) lines.push(`  … ${more} more entries: starttls probe --json has them all`);
      return [s.bold(`SMTP conversation on port ${p.port} (${p.mode})`), ...lines].join('\n');
    })
    .join('\n\n')
    .concat('\n\n');
}

/** One transcript entry made visible: as `safe`, and tab and newline escaped too (an entry is one line). */
export function visible(text: string): string {
  return safe(text).replace(/[\t\n]/g, escapeChar);
}
