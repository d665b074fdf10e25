import type { ListValue } from './types';

/** Most items kept from one collection; Exchange objects have a handful. */
const MAX_ITEMS = 1_000;

/**
 * A multi-valued property as Format-List prints it: `{a, b, c}`, `{}` when empty, and
 * `{a, b, c, d...}` when $FormatEnumerationLimit cut it. A bare value is a one-item list.
 */
export function parseList(text: string | undefined): ListValue {
  let body = (text ?? '').trim();
  if (body.startsWith('{')) body = body.slice(1);
  if (body.endsWith('}')) body = body.slice(0, -1);
  // An unclosed brace means the line was cut by hand; the last item may be partial.
  let truncated = (text ?? '').trim().startsWith('{') && !(text ?? '').includes('}');
  body = body.trim();
  if (body.endsWith('...') || body.endsWith('…')) {
    truncated = true;
    body = body.replace(/(\.\.\.|…)$/, '');
  }
  const items = body
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length > MAX_ITEMS) {
    items.length = MAX_ITEMS;
    truncated = true;
  }
  return { items, truncated };
}

/** A flags enum such as AuthMechanism or Services: `Tls, Integrated, BasicAuth`; `None` is empty. */
export function parseFlags(text: string | undefined): string[] {
  const items = parseList(text).items.filter((s) => /^[A-Za-z][A-Za-z0-9]*$/.test(s));
  return items.filter((s) => s.toLowerCase() !== 'none');
}

export function hasFlag(flags: readonly string[], flag: string): boolean {
  return flags.some((f) => f.toLowerCase() === flag.toLowerCase());
}

/** `True` / `False` as PowerShell prints booleans; undefined for anything else. */
export function parseBool(text: string | undefined): boolean | undefined {
  const t = (text ?? '').trim().toLowerCase();
  if (t === 'true' || t === '$true') return true;
  if (t === 'false' || t === '$false') return false;
  return undefined;
}

/**
 * A ByteQuantifiedSize as Exchange prints it: `36 MB (37,748,736 bytes)`, digit grouping by
 * the server's locale. Returns bytes, null for `Unlimited`, undefined when unreadable.
 */
export function parseByteSize(text: string | undefined): number | null | undefined {
  const t = (text ?? '').trim();
  if (/^unlimited$/i.test(t)) return null;
  const m = /\(([0-9][0-9.,'\s\u00a0\u202f]{0,40})\s*bytes\)/i.exec(t) ?? /^([0-9]{1,16})$/.exec(t);
  if (!m) return undefined;
  const digits = m[1].replace(/[^0-9]/g, '');
  if (digits.length === 0 || digits.length > 16) return undefined;
  return Number(digits);
}

/** An empty Format-List value, or PowerShell's way of printing null. */
export function isBlank(text: string | undefined): boolean {
  const t = (text ?? '').trim();
  return t === '' || t === '{}' || t === '$null';
}

/** The trimmed value, or undefined when blank or absent. */
export function nonBlank(text: string | undefined): string | undefined {
  return text === undefined || isBlank(text) ? undefined : text.trim();
}

const MONTH_FIRST = 'month-first';
const DAY_FIRST = 'day-first';

/**
 * NotAfter as Get-ExchangeCertificate prints it, in the server's locale: `3/14/2026 4:23:11 PM`
 * (en-US), `14/03/2026 16:23:11` (en-GB), `14.03.2026 16:23:11` (de-DE), `2026-03-14 16:23:11`.
 * Times are taken as UTC (the locale's time zone is unknown; a few hours do not matter here).
 * Two dates come back when day and month cannot be told apart.
 */
export function parseExchangeDate(text: string | undefined): Date[] {
  const t = (text ?? '').trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(t);
  if (iso) return compact([utc(+iso[1], +iso[2], +iso[3], +(iso[4] ?? 0), +(iso[5] ?? 0), +(iso[6] ?? 0))]);

  const m = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?/.exec(t);
  if (!m) return [];
  const [a, sep, b, year] = [+m[1], m[2], +m[3], +m[4]];
  let hour = +(m[5] ?? 0);
  const ampm = m[8]?.toUpperCase();
  if (ampm === 'PM' && hour < 12) hour += 12;
  if (ampm === 'AM' && hour === 12) hour = 0;
  const minute = +(m[6] ?? 0);
  const second = +(m[7] ?? 0);

  // 12-hour clocks are mostly en-US (month first); 24-hour ones mostly day first.
  let orders: string[];
  if (a > 12) orders = [DAY_FIRST];
  else if (b > 12) orders = [MONTH_FIRST];
  else if (sep === '.' || a === b) orders = [DAY_FIRST];
  else orders = ampm ? [MONTH_FIRST, DAY_FIRST] : [DAY_FIRST, MONTH_FIRST];

  return compact(
    orders.map((o) =>
      o === MONTH_FIRST ? utc(year, a, b, hour, minute, second) : utc(year, b, a, hour, minute, second),
    ),
  );
}

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number): Date | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return d.getUTCDate() === day ? d : undefined;
}

function compact(dates: (Date | undefined)[]): Date[] {
  return dates.filter((d): d is Date => d !== undefined);
}

/** Whether the paste had the property at all (names compared without case). */
export function hasProperty(properties: Record<string, string>, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(properties).some((k) => k.toLowerCase() === lower);
}

/** Long pasted text shortened for a finding line. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
