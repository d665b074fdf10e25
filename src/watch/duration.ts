import { StarttlsError } from '../starttls-error';

const UNITS: [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** "2h 5m", "3d 4h", "40s": the two largest units, for how long an incident lasted. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return 'under a second';
  const parts: string[] = [];
  let rest = ms;
  let units = 0;
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
    if (parts.length > 0 && ++units === 2) break;
  }
  return parts.join(' ');
}

/** An interval the person typed that is not one, or out of range; one line fit to show them. */
export class IntervalError extends StarttlsError {
  static override readonly codes = ['WATCH_BAD_INTERVAL'] as const;
  readonly code = 'WATCH_BAD_INTERVAL';
  readonly userVisible = true;
}

const INTERVAL_UNITS: Record<string, number> = { s: 1_000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** "5m", "15min", "1h", "1d"; between `minMs` and a week. */
export function parseInterval(text: string, minMs = 60_000): number {
  const m = /^([0-9]{1,4})(s|m|min|h|d)$/i.exec(text.trim());
  if (!m) throw new IntervalError(`not an interval: ${JSON.stringify(text.slice(0, 20))} (use e.g. 5m, 15m, 1h)`);
  const ms = Number(m[1]) * INTERVAL_UNITS[m[2].toLowerCase()];
  if (ms < minMs) throw new IntervalError(`the shortest interval is ${formatDuration(minMs)}`);
  if (ms > 7 * 86_400_000) throw new IntervalError('the longest interval is 7d');
  return ms;
}
